/**
 * Wire contract of mutual-aid errands (党员帮办 · 微互助). Pages: post form, my errands, helper
 * board, errand detail (its buttons are `moves`, computed by the function from core/errands/machine.ts
 * for the caller), guardian's approved helpers, grid worker queue.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import type { ErrandMove } from './machine'
import { ErrandTypes, type ErrandStatus, type ErrandType } from './model'

/**
 * An errand in a list: no address, no note, no phone; the requester's name masked (王**) but to the
 * requester herself (core/errands/view.ts decides it).
 */
export interface ErrandCard {
  readonly errandId: string
  readonly type: ErrandType
  readonly typeLabel: string
  readonly text: string
  readonly status: ErrandStatus
  readonly statusLabel: string
  readonly windowStart: string
  readonly windowEnd: string
  /** 王**; whole for the requester herself, and in the detail for whom `sightOf` reveals it to. */
  readonly requesterName: string
  /** The building only (e.g. 3号楼): near enough to decide, not an address. */
  readonly buildingName: string
  readonly points: number
}

/**
 * An errand as one party sees it. Name, note, address and phone: the requester (own) and, while the
 * errand is theirs to do, the accepted helper only (core/errands/view.ts).
 */
export interface ErrandDetail extends ErrandCard {
  /** The caller's relation to it. */
  readonly as: readonly ('requester' | 'helper' | 'grid_worker')[]
  /** The moves the caller may make now (the page's buttons). */
  readonly moves: readonly ErrandMove[]
  readonly note: string | null
  readonly helperName: string | null
  /** Meeting point: the household address (or the requester's own words); null while hidden. */
  readonly address: string | null
  readonly phone: string | null
  /** Child pickup, requester only: the code to give the school/child's side. */
  readonly handoverCode: string | null
  readonly needsCode: boolean
  readonly acceptedAt: string | null
  readonly pickedUpAt: string | null
  readonly doneAt: string | null
  readonly confirmedAt: string | null
  readonly disputeReason: string | null
  readonly thanks: string | null
  readonly codeTriesLeft: number | null
  /** True when the answer is a retried post or repeated tap: nothing new was written. */
  readonly retried: boolean
}

export interface ErrandPage {
  readonly items: readonly ErrandCard[]
  readonly cursor: string | null
}

export interface TrustedHelpers {
  /** The guardian's approved helpers for child pickup. */
  readonly approved: readonly { readonly userId: string; readonly name: string }[]
  /** Verified helpers of the guardian's grid to pick from (names as on the service card). */
  readonly candidates: readonly {
    readonly userId: string
    readonly name: string
    readonly partyMember: boolean
  }[]
}

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(160))
const iso = v.pipe(v.string(), v.maxLength(40))
const cursor = v.optional(v.pipe(v.string(), v.maxLength(200)))
/** Lengths are checked by core (ERRAND.TEXT_*) so the form gets a specific code; the schema only bounds the wire. */
const text = v.pipe(v.string(), v.maxLength(500))
const byId = v.strictObject({ errandId: id })

export const errandActions = {
  /**
   * A resident posts an errand for their household's grid. Idempotent on requestId. Text passes
   * content security. Child pickup needs approved helpers (errand.trust) and gets a handover code.
   */
  'errand.post': defineAction<ErrandDetail>()(
    v.strictObject({
      requestId: clientRequestId,
      type: v.picklist(ErrandTypes),
      text,
      windowStart: iso,
      windowEnd: iso,
      note: v.optional(text),
      /** Omitted: the household. */
      meetingPoint: v.optional(v.pipe(v.string(), v.maxLength(60))),
    }),
  ),
  /** My approved child-pickup helpers and the grid's verified helpers to choose from. */
  'errand.trusted': defineAction<TrustedHelpers>()(v.strictObject({})),
  /** Replaces my approved list (each must be a verified helper of my grid). */
  'errand.trust': defineAction<TrustedHelpers>()(
    v.strictObject({ helperIds: v.pipe(v.array(id), v.maxLength(10)) }),
  ),
  /** Open errands of my grid(s) I may take, by start time; child pickups only where I am approved. */
  'errand.board': defineAction<ErrandPage>()(
    v.strictObject({ type: v.optional(v.picklist(ErrandTypes)), cursor }),
  ),
  /** Errands I posted (`requester`) or took (`helper`), newest first. */
  'errand.mine': defineAction<ErrandPage>()(
    v.strictObject({ as: v.picklist(['requester', 'helper']), cursor }),
  ),
  'errand.get': defineAction<ErrandDetail>()(byId),
  /** Exactly one helper wins; the others get ERRAND.TAKEN (已被其他邻居接单). */
  'errand.accept': defineAction<ErrandDetail>()(byId),
  /** The helper gives it back before starting: open again, requester notified. */
  'errand.release': defineAction<ErrandDetail>()(byId),
  /** The requester cancels (helper notified); a grid worker cancels a locked one. */
  'errand.cancel': defineAction<ErrandDetail>()(
    v.strictObject({ errandId: id, reason: v.optional(v.pipe(v.string(), v.maxLength(100))) }),
  ),
  /** The helper starts; for a child pickup this is the pickup and needs the handover code (5 wrong → locked). */
  'errand.start': defineAction<ErrandDetail>()(
    v.strictObject({
      errandId: id,
      code: v.optional(v.pipe(v.string(), v.regex(/^\d{4,6}$/, '交接码为 4–6 位数字'))),
    }),
  ),
  /** The helper marks it done (drop-off for a child pickup). */
  'errand.done': defineAction<ErrandDetail>()(byId),
  /** The requester confirms: the helper earns the errand's points, once. Confirming again changes nothing. */
  'errand.confirm': defineAction<ErrandDetail>()(byId),
  /** The requester disputes with a reason: it goes to the grid worker's queue. */
  'errand.dispute': defineAction<ErrandDetail>()(
    v.strictObject({ errandId: id, reason: v.pipe(v.string(), v.maxLength(200)) }),
  ),
  /** A short thank-you note on a confirmed errand, shown on the helper's profile. */
  'errand.thank': defineAction<ErrandDetail>()(
    v.strictObject({ errandId: id, note: v.pipe(v.string(), v.maxLength(100)) }),
  ),
  /** Grid worker: disputed and locked errands of my grid(s). */
  'errand.queue': defineAction<ErrandPage>()(v.strictObject({ cursor })),
  /** Grid worker: settle (pay) or close a dispute; unlock or cancel a locked errand. */
  'errand.resolve': defineAction<ErrandDetail>()(
    v.strictObject({
      errandId: id,
      decision: v.picklist(['settle', 'close', 'unlock', 'cancel']),
      note: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
  ),
}
