/**
 * A new work order as the one-tap report makes it (the order factory), written once: its fields, its
 * opening events (the submit, and 'held' when content security asked for review), its deadline
 * (`settle`), and its outbox entry (counted as received; the handlers of its tier told:
 * ./effects.ts `submitEffects`). A report starts at the grid; an order staff file to carry out a
 * deliberation topic may start at the community or street (`tier`), its deadline, events, counting
 * and audience then that tier's, as if it had been escalated there at submission. The store checks
 * the draft, routes it (./route.ts), runs the content check and inserts what this returns.
 */
import type { UserRecord } from '../me/model'
import type { Actor } from '../roles'
import type { CategoryView } from './api'
import { settle, staffRoleFor } from './decide'
import { submitEffects } from './effects'
import type { OnBehalfOf, OrderEvent, OrderLocation, OrderRecord, StartTier } from './model'
import type { SlaTable } from './sla'
import { DomainError } from '../errors'
import { checkUploads } from '../uploads'
import { MAX_PHOTOS, ReportErrors, TEXT_MAX } from './errors'

/** The draft's own checks: its text, and photos uploaded by this reporter for this very request. */
export function checkDraft(text: string, photos: readonly string[], userId: string, requestId: string): void {
  const chars = [...text.trim()].length
  if (chars === 0) throw new DomainError(ReportErrors.TEXT_EMPTY, '请描述问题')
  if (chars > TEXT_MAX) throw new DomainError(ReportErrors.TEXT_TOO_LONG, '问题描述过长')
  checkUploads(photos, { folder: 'reports', userId, key: requestId }, MAX_PHOTOS, {
    tooMany: ReportErrors.TOO_MANY_PHOTOS,
    invalid: ReportErrors.PHOTO_INVALID,
  })
}

export interface NewOrderInput {
  readonly id: string
  readonly actor: Actor
  readonly user: Pick<UserRecord, 'realName' | 'displayName'>
  readonly input: {
    readonly requestId: string
    readonly text: string
    readonly photos: readonly string[]
    readonly location: OrderLocation
    readonly hideName: boolean
    /** The reporter opted in to show the text in the public Open311 feed. */
    readonly publicText?: boolean
    readonly onBehalfOf?: OnBehalfOf
  }
  readonly category: Pick<CategoryView, 'id' | 'name' | 'hazard'>
  /** Content security said `review`: staff only until a grid worker releases it. */
  readonly held: boolean
  readonly place: { readonly path: OrderRecord['path']; readonly placeName: string }
  readonly now: Date
  readonly sla: SlaTable
  /** 民办: staff file the order to carry out a deliberation topic's decision (linked both ways). */
  readonly topic?: { readonly id: string; readonly title: string }
  /** The tier it starts at (default the grid); who may file above the grid is the caller's rule. */
  readonly tier?: StartTier
}

export function newOrder({
  id,
  actor,
  user,
  input,
  category,
  held,
  place,
  now,
  sla,
  topic,
  tier = 'grid',
}: NewOrderInput): OrderRecord {
  const onBehalf = input.onBehalfOf !== undefined || topic !== undefined
  const reporterName = input.onBehalfOf?.name ?? ((user.realName ?? user.displayName ?? '') || '居民')
  const submitEvent: OrderEvent = {
    kind: 'submit',
    at: now,
    by: actor.userId,
    byRole: onBehalf ? staffRoleFor(actor, place.path) : 'resident',
    byName: onBehalf ? (user.displayName ?? '') : reporterName,
    tier,
    ...(topic
      ? { text: `居民议事决议：${topic.title}` }
      : onBehalf
        ? { text: input.onBehalfOf?.channel === 'phone' ? '电话代登记' : '来访代登记' }
        : {}),
  }
  const events: OrderEvent[] = held
    ? [submitEvent, { kind: 'held', at: now, by: 'system', byRole: 'system', byName: '系统', tier }]
    : [submitEvent]
  const order = settle(
    {
      _id: id,
      requestId: input.requestId,
      reporterId: actor.userId,
      reporterName,
      hideName: input.hideName,
      // Only the reporter themselves can allow their text to be public: never at staff intake.
      publicText: input.publicText === true && !onBehalf,
      onBehalfOf: input.onBehalfOf
        ? {
            name: input.onBehalfOf.name,
            channel: input.onBehalfOf.channel,
            ...(input.onBehalfOf.phone ? { phone: input.onBehalfOf.phone } : {}),
          }
        : null,
      categoryId: category.id,
      categoryName: category.name,
      text: input.text.trim(),
      photos: [...input.photos],
      photosChecked: input.photos.length === 0,
      held,
      location: input.location,
      path: place.path,
      placeName: place.placeName,
      status: 'submitted',
      tier,
      department: null,
      handlerId: null,
      handlerName: null,
      firstReceiverId: null,
      firstReceiverName: null,
      submittedAt: now,
      tierSince: now,
      acceptedAt: null,
      repliedAt: null,
      lastReplyAt: null,
      reply: null,
      rating: null,
      closedAt: null,
      dueAt: null,
      dueAction: null,
      overdue: false,
      // Nobody reached yet: cleared once a handler's message got through (dispatch).
      unnotified: true,
      reopenCount: 0,
      followerIds: [],
      ...(topic ? { topicId: topic.id } : {}),
      events,
      version: -1,
      open: true,
      outbox: [],
      outboxAt: now,
    },
    sla,
    category.hazard,
  )
  return {
    ...order,
    outbox: [{ id: 'submit', at: now, effects: submitEffects(order, sla, category.hazard) }],
  }
}
