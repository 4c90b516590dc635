/**
 * Errands' part of me.data and me.delete (see privacy.ts).
 * Shown (邻里互助): errands I posted (index errands.requester) or served (errands.helper), counts and
 * the newest `MY_DATA_RECENT`.
 * Settled: errands I posted that nobody started (`open`, `accepted`) are cancelled, and errands I
 * accepted but did not start are released (open again, the requester told) — each through
 * repos/errands.ts `move`, the path of errand.cancel / errand.release. First, the accept messages
 * that told requesters my name lose their contents. Started ones (`in_progress`, `done`, `locked`,
 * `disputed`) stay: the other party and the grid worker finish them.
 * Anonymised, on the errands that stay: as requester, `requesterName` becomes `ERASED_NAME` and
 * `meetingPoint` (free text, often an address) and `note` (private instructions) go
 * (`requesterErased: true`); as helper, `helperName` becomes `ERASED_NAME` (`helperErased: true`).
 * No phone is stored on an errand. The description, dispute reason and thank-you note stay: the
 * grid's record of the help given, naming nobody by field.
 * Forgotten: my own list of approved child-pickup helpers (`errand_trust`) is deleted and I leave
 * other guardians' lists.
 */
import type { ErrandMove } from '../../../src/core/errands/machine'
import { ErrandStatusLabel, ErrandTypeLabel, type ErrandRecord } from '../../../src/core/errands/model'
import { MY_DATA_RECENT, type MyData, type MyErrandLine } from '../../../src/core/me/api'
import { ERASED_NAME } from '../../../src/core/me/erase'
import type { CallContext } from '../kit'
import { eraseNotificationsOfKind } from '../notify'
import { definePrivacy, ERASE_BATCH, iso, recent, rewrite, settleOne } from '../privacy'
import { db } from '../sdk'
import { ERRANDS, move, TRUST } from './errands'

async function myErrands(userId: string): Promise<Pick<MyData, 'errands'>> {
  const [posted, served] = await Promise.all([
    recent<ErrandRecord>(ERRANDS, { requesterId: userId }, 'createdAt'),
    recent<ErrandRecord>(ERRANDS, { helperId: userId }, 'createdAt'),
  ])
  const lineOf = (e: ErrandRecord, role: MyErrandLine['role']): MyErrandLine => ({
    errandId: e._id,
    type: e.type,
    typeLabel: ErrandTypeLabel[e.type] ?? '',
    status: e.status,
    statusLabel: ErrandStatusLabel[e.status] ?? '',
    role,
    createdAt: iso(e.createdAt) ?? '',
  })
  const lines = [
    ...posted.rows.map((e) => lineOf(e, 'requester')),
    ...served.rows.map((e) => lineOf(e, 'helper')),
  ]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.errandId.localeCompare(a.errandId))
    .slice(0, MY_DATA_RECENT)
  return { errands: { count: posted.count + served.count, lines } }
}

async function settleErrands(ctx: CallContext, now: Date): Promise<void> {
  const _ = db().command
  const userId = ctx.actor.userId
  const col = db().collection(ERRANDS)
  const [posted, held] = await Promise.all([
    col
      .where({ requesterId: userId, status: _.in(['open', 'accepted']) })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
    col
      .where({ helperId: userId, helperErased: _.neq(true) })
      .field({ _id: true, status: true })
      .limit(ERASE_BATCH)
      .get(),
  ])
  const taken = held.data as Pick<ErrandRecord, '_id' | 'status'>[]
  await eraseNotificationsOfKind(
    taken.map((e) => e._id),
    'errand.accept.',
    now,
  )
  const moves: [string, ErrandMove][] = [
    ...(posted.data as { _id: string }[]).map((e): [string, ErrandMove] => [e._id, 'cancel']),
    ...taken.filter((e) => e.status === 'accepted').map((e): [string, ErrandMove] => [e._id, 'release']),
  ]
  for (const [errandId, m] of moves)
    await settleOne(`errand ${m}`, errandId, () => move(ctx, errandId, m, now))
}

async function eraseFromErrands(userId: string): Promise<boolean> {
  const _ = db().command
  const col = db().collection(ERRANDS)
  const [posted, served] = await Promise.all([
    col
      .where({ requesterId: userId, requesterErased: _.neq(true) })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
    col
      .where({ helperId: userId, helperErased: _.neq(true) })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
  ])
  for (const { _id } of posted.data as { _id: string }[]) {
    await rewrite<ErrandRecord>(ERRANDS, _id, (e) =>
      e.requesterId === userId && !e.requesterErased
        ? { requesterName: ERASED_NAME, meetingPoint: null, note: null, requesterErased: true }
        : null,
    )
  }
  for (const { _id } of served.data as { _id: string }[]) {
    await rewrite<ErrandRecord>(ERRANDS, _id, (e) =>
      e.helperId === userId && !e.helperErased ? { helperName: ERASED_NAME, helperErased: true } : null,
    )
  }
  return posted.data.length === ERASE_BATCH || served.data.length === ERASE_BATCH
}

export const errandsPrivacy = definePrivacy({
  feature: 'errands',
  sections: ['errands'],
  data: (actor) => myErrands(actor.userId),
  settle: settleErrands,
  anonymise: eraseFromErrands,
  forget: async (userId) => {
    const _ = db().command
    const col = db().collection(TRUST)
    await col.where({ _id: userId }).remove()
    await col.where({ helperIds: userId }).update({ helperIds: _.pull(userId) })
  },
})
