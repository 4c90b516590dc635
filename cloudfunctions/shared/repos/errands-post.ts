/** Posting an errand: checked, stored once per request, and announced to the grid's verified helpers. */
import { randomInt } from 'node:crypto'
import type { ErrandDetail } from '../../../src/core/errands/api'
import { checkPostText } from '../../../src/core/errands/decide'
import { ErrandErrors } from '../../../src/core/errands/errors'
import {
  ErrandPoints,
  type ErrandRecord,
  type ErrandType,
  type TrustRecord,
} from '../../../src/core/errands/model'
import { checkWindow } from '../../../src/core/errands/window'
import { DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import { entryOf } from '../../../src/core/effects'
import { postEffects } from '../../../src/core/errands/effects'
import type { OrgPath } from '../../../src/core/org/model'
import type { CallContext } from '../kit'
import { staffOver } from '../notify'
import { nudge } from '../outbox'
import { runPlan } from '../runner'
import { byRequest, isDuplicateKey, newId } from '../ids'
import { getDoc, withoutId } from './docs'
import { ERRANDS, householdPath, TRUST } from './errands-base'
import { detailOf } from './errands-view'

export interface PostInput {
  readonly requestId: string
  readonly type: ErrandType
  readonly text: string
  readonly windowStart: string
  readonly windowEnd: string
  readonly note?: string
  readonly meetingPoint?: string
}

/** Verified helpers of a grid: users holding a helper grant for it (granted by staff). */
export async function gridHelpers(path: OrgPath): Promise<UserRecord[]> {
  return staffOver(['helper'], {
    streetId: path.streetId,
    communityId: path.communityId,
    gridId: path.gridId,
  })
}

/**
 * errand.post: idempotent on requestId (a unique (requesterId, requestId) index, ADR 0016; the
 * earlier errand is found by it, also when a concurrent twin wins). Checks,
 * in order: household, text, window, content security (`check`, before anything is stored), child
 * pickup's approved helpers. New errand → the grid's helpers who may take it and opted in are notified.
 */
export async function post(
  ctx: CallContext,
  input: PostInput,
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<ErrandDetail> {
  const { actor, user } = ctx
  const errandId = newId('er')
  const meta = { requestId: ctx.requestId, action: 'errand.post', now }
  const earlier = () =>
    byRequest<ErrandRecord>(ERRANDS, { requesterId: actor.userId, requestId: input.requestId })
  const existing = await earlier()
  if (existing) return detailOf(actor, existing, meta, true)
  const path = householdPath(actor.grants)
  if (!path) throw new DomainError(ErrandErrors.NO_HOUSEHOLD, '请先加入网格再发布互助')
  const { text, note } = checkPostText(input.text, input.note)
  const window = checkWindow(input.windowStart, input.windowEnd, now)
  const meetingPoint = input.meetingPoint?.trim() || null
  await check([text, note ?? '', meetingPoint ?? ''].join('\n'))
  const helpers = (await gridHelpers(path)).filter((h) => h._id !== actor.userId)
  let approved: string[] = []
  if (input.type === 'child_pickup') {
    const trust = await getDoc<TrustRecord>(TRUST, actor.userId)
    const verified = new Set(helpers.map((h) => h._id))
    approved = (trust?.gridId === path.gridId ? trust.helperIds : []).filter((id) => verified.has(id))
    if (approved.length === 0)
      throw new DomainError(ErrandErrors.NO_TRUSTED_HELPERS, '代接送小孩请先选择信任的帮办人')
  }
  const record: ErrandRecord = {
    _id: errandId,
    requestId: input.requestId,
    requesterId: actor.userId,
    requesterName: user.realName ?? user.displayName,
    type: input.type,
    text,
    note,
    meetingPoint,
    path,
    windowStart: window.start,
    windowEnd: window.end,
    status: 'open',
    open: true,
    helperId: null,
    helperName: null,
    approvedHelperIds: approved,
    handoverCode: input.type === 'child_pickup' ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null,
    codeTries: 0,
    points: ErrandPoints[input.type],
    acceptedAt: null,
    pickedUpAt: null,
    doneAt: null,
    confirmedAt: null,
    disputeReason: null,
    thanks: null,
    events: [{ at: now, move: 'post', by: actor.userId }],
    version: 1,
    createdAt: now,
    updatedAt: now,
  }
  // Only helpers who opted in (helper.update notifyErrands) hear of it; the board shows it to all who may take it.
  const recipients = helpers.filter(
    (h) => h.helper?.notifyErrands === true && (input.type !== 'child_pickup' || approved.includes(h._id)),
  )
  const entry = entryOf(
    'post',
    now,
    postEffects(
      record,
      recipients.map((r) => r._id),
      window.start,
    ),
  )
  let stored: ErrandRecord
  try {
    await runPlan(
      {
        writes: [{ op: 'create', collection: ERRANDS, id: errandId, doc: withoutId(record) }],
        ...(entry ? { outbox: { on: { collection: ERRANDS, id: errandId }, entry } } : {}),
      },
      now,
    )
    stored = record
  } catch (err) {
    // A concurrent post of the same request won the unique (requesterId, requestId) index: answer it.
    const again = isDuplicateKey(err) ? await earlier() : null
    if (!again) throw err
    stored = again
  }
  if (stored === record && entry) await nudge(ERRANDS, errandId, now)
  return detailOf(actor, stored, meta, stored !== record)
}
