/**
 * Work orders (一键上报 → 工单): the vocabulary shared by the contract, the rules and the store.
 * The state machine itself is data in ./machine.ts; SLA and escalation in ./sla.ts; metrics in
 * ./metrics.ts.
 */
import type { OutboxEntry } from '../effects'
import type { OrgPath } from '../org/model'

/** Where an order stands. Groups (open/closed, FixMyStreet style) are in ./machine.ts. */
export const OrderStatuses = [
  'submitted',
  'accepted',
  'in_progress',
  'promised',
  'replied',
  'unsatisfied',
  'closed',
] as const
export type OrderStatus = (typeof OrderStatuses)[number]

/** The escalation ladder: 琐事不出网格、小事不出社区、大事流转办理. */
export const Tiers = ['grid', 'community', 'street', 'department'] as const
export type Tier = (typeof Tiers)[number]

/**
 * The tiers a new order may start at: the grid (every report), or, for an order staff file to carry
 * out a deliberation topic's decision, the community or the street (an outside department is named
 * only by escalating).
 */
export const StartTiers = ['grid', 'community', 'street'] as const satisfies readonly Tier[]
export type StartTier = (typeof StartTiers)[number]

/** The tier an order started at: its submit event's (written once; the grid for orders stored before). */
export function startTierOf(o: Pick<OrderRecord, 'events'>): Tier {
  return o.events.find((e) => e.kind === 'submit')?.tier ?? 'grid'
}

/**
 * How a reply answers the resident (事事有回音):
 * - `handled` 当场办: done.
 * - `deadline` 限期办: will be done by `promisedDate`; the order stays open until a later reply.
 * - `explained` 解释说明: cannot or need not be done, with a `reason`.
 * - `transferred` 转办: handed to the body responsible (`to`, e.g. 供电公司、物业), the resident told whom.
 */
export const Outcomes = ['handled', 'deadline', 'explained', 'transferred'] as const
export type Outcome = (typeof Outcomes)[number]

export const Ratings = ['satisfied', 'basically', 'unsatisfied'] as const
export type Rating = (typeof Ratings)[number]

/** Where the problem is: the reporter's household (default), a building, or a map pin. */
export type OrderLocation =
  | { readonly kind: 'household' }
  | { readonly kind: 'building'; readonly buildingId: string }
  | { readonly kind: 'point'; readonly lng: number; readonly lat: number; readonly label?: string }

/** Staff intake on behalf of a resident who phoned or walked in (marked on the order). */
export interface OnBehalfOf {
  readonly name: string
  readonly phone?: string
  readonly channel: 'phone' | 'walk_in'
}

/** Timeline event kinds: every move is one, plus submit/follow/release/notices. */
export const OrderEventKinds = [
  'submit',
  'held',
  'release',
  'accept',
  'start',
  'reply',
  'escalate',
  'overdue',
  'rate',
  'reopen',
  'close',
  'follow',
] as const
export type OrderEventKind = (typeof OrderEventKinds)[number]

/** One event on an order's timeline (stored inside the order; shown to the resident). */
export interface OrderEvent {
  readonly kind: OrderEventKind
  readonly at: Date
  /** User id, or 'system' for the sweep. */
  readonly by: string
  readonly byRole: 'resident' | 'grid_worker' | 'community_admin' | 'street_admin' | 'system'
  readonly byName: string
  readonly tier?: Tier
  readonly toTier?: Tier
  readonly outcome?: Outcome
  readonly text?: string
  readonly promisedDate?: string
  readonly reason?: string
  readonly to?: string
  readonly rating?: Rating
  readonly comment?: string
  readonly auto?: boolean
}

/**
 * Collection `orders`. `_id` is opaque and random (ADR 0016); (reporterId, requestId) is unique, so
 * a retried submit lands once.
 */
export interface OrderRecord {
  readonly _id: string
  readonly requestId: string
  readonly reporterId: string
  /** The reporter's display name at submit time (staff see it; `hideName` hides it from others). */
  readonly reporterName: string
  readonly hideName: boolean
  /**
   * The reporter allowed the text to be shown in the public Open311 feed (an opt-in on the report
   * form, default off; absent on orders stored before). Never set for staff intake.
   */
  readonly publicText?: boolean
  /** Set when staff took the report on a resident's behalf (phone/walk-in). */
  readonly onBehalfOf: OnBehalfOf | null
  readonly categoryId: string
  readonly categoryName: string
  readonly text: string
  readonly photos: readonly string[]
  /** False until the photos are checked (by a staff member's release, or the image check): until then staff only. */
  readonly photosChecked: boolean
  /** Content security said `review`: visible to staff only until a grid worker releases it. */
  readonly held: boolean
  readonly location: OrderLocation
  /** Down to the grid (and building/unit/household when known). */
  readonly path: Required<Pick<OrgPath, 'streetId' | 'communityId' | 'gridId'>> & OrgPath
  readonly placeName: string
  readonly status: OrderStatus
  readonly tier: Tier
  /** The outside department when escalated beyond the street. */
  readonly department: string | null
  /** Who holds it now at this tier (accepted it). */
  readonly handlerId: string | null
  readonly handlerName: string | null
  /** 首接负责: the first staff member who accepted it; never changes. */
  readonly firstReceiverId: string | null
  readonly firstReceiverName: string | null
  readonly submittedAt: Date
  readonly tierSince: Date
  readonly acceptedAt: Date | null
  /** First reply with a final outcome (not `deadline`). */
  readonly repliedAt: Date | null
  /** Last reply of any kind. */
  readonly lastReplyAt: Date | null
  readonly reply: {
    readonly outcome: Outcome
    readonly text: string
    readonly promisedDate: string | null
    readonly reason: string | null
    readonly to: string | null
    readonly at: Date
    readonly by: string
  } | null
  readonly rating: { readonly rating: Rating; readonly comment: string | null; readonly at: Date } | null
  readonly closedAt: Date | null
  /** The next deadline the sweep watches (indexed); null when nothing is due. */
  readonly dueAt: Date | null
  /** What happens at `dueAt`: escalate (accept/reply deadline missed) or close (reopen window ended). */
  readonly dueAction: 'escalate' | 'close' | null
  /** A deadline was missed at some tier (for the overdue lists and the on-time rate). */
  readonly overdue: boolean
  /** No grid worker could be notified (no subscription left): shown in the inbox and the supervisor's overdue list. */
  readonly unnotified: boolean
  readonly reopenCount: number
  readonly followerIds: readonly string[]
  readonly events: readonly OrderEvent[]
  /** 民办: the deliberation topic whose decision this order carries out (linked both ways). */
  readonly topicId?: string | null
  /**
   * 民事民提: the deliberation topic staff raised from this report (one topic per order, set once,
   * on the condition that it is unset). Not `topicId`, which is the topic this order carries out.
   * Written without a version bump, like following: an order's move leaves it alone.
   */
  readonly raisedTopicId?: string | null
  /**
   * The reporter erased their personal data (me.delete, cloudfunctions/shared/repos/me.ts): the
   * name here and on their timeline events is the placeholder `ERASED_NAME`.
   */
  readonly reporterErased?: boolean
  /**
   * Effects still owed by its moves (src/core/effects.ts): carried out once by the dispatcher
   * (cloudfunctions/shared/outbox.ts), then removed.
   */
  readonly outbox?: readonly OutboxEntry[]
  /** When an entry was last added or a dispatch last tried; null when nothing is owed (index `outbox`, for the timer). */
  readonly outboxAt?: Date | null
  /** Optimistic concurrency: every move is a conditional update on this number. */
  readonly version: number
  /** Open/closed group of `status`, stored for indexed queues. */
  readonly open: boolean
}

/**
 * Is the order's work concluded: closed, or replied as handled (当场办). A deliberation topic counts
 * its linked orders with this (src/core/deliberation/carry.ts).
 */
export function concluded(o: {
  readonly status: OrderStatus | string
  readonly reply?: { readonly outcome: Outcome | string } | null
}): boolean {
  return o.status === 'closed' || (o.status === 'replied' && o.reply?.outcome === 'handled')
}

/**
 * May staff raise a deliberation topic from this order: not raised from already, not an order that
 * carries out a topic's decision, and not held for content review.
 */
export function raisable(o: {
  readonly raisedTopicId?: string | null
  readonly topicId?: string | null
  readonly held: boolean
}): boolean {
  return !o.raisedTopicId && !o.topicId && !o.held
}
