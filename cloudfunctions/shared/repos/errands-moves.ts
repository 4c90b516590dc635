/**
 * Moves. Every move is a plan run by the one runner (cloudfunctions/shared/runner.ts): a
 * compare-and-set on the errand's `version` (`where({ _id, version }).update(…)`): of many helpers
 * tapping 接单 at once exactly one write matches; the others re-read, find it taken and get
 * ERRAND.TAKEN. Confirmation (and a grid worker's settlement) moves the errand AND pays the helper
 * in one transaction through the ledger (cause `errand:<id>`, idempotent), so points are paid once
 * and only with the confirmation. Who hears about it rides on the same write (the outbox).
 */
import type { ErrandDetail } from '../../../src/core/errands/api'
import { actorsOf, applyMove, checkAccept, checkCode, type Mover } from '../../../src/core/errands/decide'
import { ErrandErrors } from '../../../src/core/errands/errors'
import { paysOn, type ErrandActor, type ErrandMove } from '../../../src/core/errands/machine'
import { ErrandTypeLabel, MAX_CODE_TRIES, type ErrandRecord } from '../../../src/core/errands/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { clipThing } from '../../../src/core/notify/templates'
import { Causes, issuanceAccount, personAccount } from '../../../src/core/points/model'
import type { CallContext } from '../kit'
import { entryOf } from '../../../src/core/effects'
import { moveEffects } from '../../../src/core/errands/effects'
import type { Plan } from '../../../src/core/plan'
import { nudge } from '../outbox'
import { runPlan } from '../runner'
import { ERRANDS, load, visible } from './errands-base'
import { detailOf } from './errands-view'

/**
 * The move as a plan, run: the errand's changed fields on the condition that its version is still
 * the one decided on, the helper's pay when the move's row pays, and who hears about it
 * (src/core/errands/effects.ts) on the errand's outbox in the same write; then dispatched. False
 * when the errand changed meanwhile (nothing written). `move` null: a change that tells nobody.
 */
export async function writeMove(
  before: ErrandRecord,
  next: ErrandRecord,
  move: ErrandMove | null,
  byId: string,
  now: Date,
): Promise<boolean> {
  const {
    _id,
    requestId: _r,
    requesterId: _q,
    path: _p,
    createdAt: _c,
    outbox: _o,
    outboxAt: _a,
    ...body
  } = next
  const entry = move ? entryOf(`v${next.version}`, now, moveEffects(before, next, move, byId, now)) : null
  const pays = move !== null && paysOn(move, before.status) && next.helperId
  const plan: Plan = {
    writes: [{ op: 'update', collection: ERRANDS, id: _id, if: { version: before.version }, set: body }],
    ...(pays && next.helperId
      ? {
          transfers: [
            {
              cause: Causes.errand(before._id),
              from: issuanceAccount(before.path.communityId),
              to: personAccount(next.helperId),
              amount: next.points,
              reason: `${ErrandTypeLabel[next.type]}：${clipThing(next.text, 30)}`,
              communityId: before.path.communityId,
              by: 'system',
            },
          ],
        }
      : {}),
    ...(entry ? { outbox: { on: { collection: ERRANDS, id: _id }, entry } } : {}),
  }
  if (!(await runPlan(plan, now))) return false
  if (entry) await nudge(ERRANDS, _id, now)
  return true
}

function moverOf(ctx: CallContext, actors: readonly ErrandActor[]): Mover {
  return { userId: ctx.actor.userId, name: ctx.user.realName ?? ctx.user.displayName, actors }
}

/** Records one wrong code (locking on the last try) and answers why the start failed. */
async function wrongCode(e: ErrandRecord, verdict: { wrong: number } | 'lock', now: Date): Promise<never> {
  if (verdict === 'lock') {
    const next = { ...applyMove(e, 'lock', 'system', now), codeTries: MAX_CODE_TRIES }
    if (await writeMove(e, next, 'lock', 'system', now)) {
      throw new DomainError(ErrandErrors.CODE_LOCKED, '交接码错误次数过多，已锁定，请联系网格员处理')
    }
  } else {
    const next = { ...e, codeTries: e.codeTries + 1, version: e.version + 1, updatedAt: now }
    if (await writeMove(e, next, null, 'system', now))
      throw new DomainError(ErrandErrors.CODE_WRONG, `交接码不正确，还可以再试 ${verdict.wrong} 次`)
  }
  throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
}

/**
 * One move on one errand by the caller. Compare-and-set on `version`, re-read and re-decided on a
 * lost race (for accept: the loser then finds it taken). A move whose row pays (core/errands/machine.ts)
 * runs in a transaction with the ledger transfer.
 */
export async function move(
  ctx: CallContext,
  errandId: string,
  m: ErrandMove,
  now: Date,
  opts: { code?: string; note?: string } = {},
): Promise<ErrandDetail> {
  const meta = { requestId: ctx.requestId, action: `errand.${m}`, now }
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const e = await load(errandId)
    if (!visible(ctx.actor, e) && m !== 'accept')
      throw new DomainError(CommonErrorCodes.NOT_FOUND, '互助不存在或已删除')
    const actors = actorsOf(ctx.actor, e)
    if (m === 'accept' && checkAccept(ctx.actor, e) === 'again') return detailOf(ctx.actor, e, meta, true)
    if (m === 'confirm' && e.status === 'confirmed' && actors.includes('requester'))
      return detailOf(ctx.actor, e, meta, true)
    if (m === 'start' && e.helperId === ctx.actor.userId) {
      const verdict = checkCode(e, opts.code)
      if (verdict !== 'ok') await wrongCode(e, verdict, now)
    }
    if (m === 'cancel' && e.status === 'cancelled' && actors.includes('requester'))
      return detailOf(ctx.actor, e, meta, true)
    const next = applyMove(e, m, moverOf(ctx, actors), now, opts.note)
    if (await writeMove(e, next, m, ctx.actor.userId, now)) return detailOf(ctx.actor, next, meta)
  }
  throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
}

/** errand.thank: the requester's short note on a confirmed errand (once; content-checked by the route). */
export async function thank(
  ctx: CallContext,
  errandId: string,
  note: string,
  now: Date,
): Promise<ErrandDetail> {
  const e = await load(errandId)
  if (e.requesterId !== ctx.actor.userId)
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '互助不存在或已删除')
  if (e.status !== 'confirmed') throw new DomainError(ErrandErrors.BAD_STATE, '确认完成后才能致谢')
  if (e.thanks) throw new DomainError(ErrandErrors.ALREADY_THANKED, '您已经感谢过了')
  const text = note.trim()
  if (!text) throw new DomainError(ErrandErrors.TEXT_EMPTY, '请写一句感谢的话')
  const next = {
    ...e,
    thanks: text,
    thankedAt: now,
    version: e.version + 1,
    updatedAt: now,
    events: [...e.events, { at: now, move: 'thank', by: ctx.actor.userId }],
  }
  if (!(await writeMove(e, next, null, ctx.actor.userId, now)))
    throw new DomainError(CommonErrorCodes.CONFLICT, '操作冲突，请重试')
  return detailOf(ctx.actor, next, { requestId: ctx.requestId, action: 'errand.thank', now })
}
