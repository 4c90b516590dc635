/**
 * Publishing a notice (an admin over its scope), editing it and withdrawing it: checked,
 * content-checked and its files found before anything is stored; each change a conditional write
 * on the notice's version.
 */
import { entryOf, newOutbox } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { NoticeDetail } from '../../../src/core/notices/api'
import { pushEffects } from '../../../src/core/notices/effects'
import { NoticesErrors } from '../../../src/core/notices/errors'
import {
  NOTICES,
  type NoticeAttachment,
  type NoticeBlock,
  type NoticeRecord,
  type NoticeScope,
} from '../../../src/core/notices/model'
import {
  checkDraft,
  filesOf,
  mayManage,
  mayPublish,
  publishTime,
  scopeKeys,
  textOf,
  type ResolvedScope,
} from '../../../src/core/notices/rules'
import type { Community, Grid, Street } from '../../../src/core/org/model'
import { updatePlan } from '../../../src/core/plan'
import { allStored } from '../files'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { nudge } from '../outbox'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import { getDoc } from './docs'
import { detailOf, forbidden, load } from './notices-base'

/** The scope named by a publisher, resolved (unknown places DATA.NOT_FOUND; foreign grids NOTICES.BAD_GRIDS). */
async function resolveScope(scope: NoticeScope): Promise<ResolvedScope & { placeName: string }> {
  if (scope.level === 'street') {
    const s = await getDoc<Street>('streets', scope.streetId)
    if (!s) throw new DomainError(CommonErrorCodes.NOT_FOUND, '街道不存在')
    return { level: 'street', streetId: s._id, communityId: null, gridIds: null, placeName: s.name }
  }
  const c = await getDoc<Community>('communities', scope.communityId)
  if (!c || c.level !== 'community') throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
  if (scope.level === 'community')
    return { level: 'community', streetId: c.streetId, communityId: c._id, gridIds: null, placeName: c.name }
  const wanted = [...new Set(scope.gridIds)]
  const _ = db().command
  const res = await db()
    .collection('grids')
    .where({ _id: _.in(wanted) })
    .limit(wanted.length)
    .get()
  const grids = res.data as Grid[]
  if (grids.length !== wanted.length || grids.some((g) => g.communityId !== c._id))
    throw new DomainError(NoticesErrors.BAD_GRIDS, '请选择本社区的网格')
  return { level: 'grids', streetId: c.streetId, communityId: c._id, gridIds: wanted, placeName: c.name }
}

const publisherOf = (s: ResolvedScope & { placeName: string }) =>
  s.communityId ? `${s.placeName}居委会` : `${s.placeName}办事处`

export interface PublishInput {
  readonly requestId: string
  readonly scope: NoticeScope
  readonly title: string
  readonly blocks: readonly NoticeBlock[]
  readonly attachments: readonly NoticeAttachment[]
  readonly pinned: boolean
  readonly important: boolean
  readonly publishAt?: string | undefined
}

async function checkStored(files: readonly string[]): Promise<void> {
  if (!(await allStored(files))) throw new DomainError(NoticesErrors.FILE_INVALID, '图片或附件上传未完成')
}

/**
 * notice.publish: an admin over the scope (else AUTH.FORBIDDEN); idempotent on requestId (unique
 * createdBy + requestId). Checked, content-checked and its files found before anything is stored.
 * An important notice out now carries its message on its outbox; a scheduled one waits for the
 * sweep (`sendDue`) at its time.
 */
export async function publish(
  ctx: CallContext,
  input: PublishInput,
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<NoticeDetail> {
  const { actor } = ctx
  const earlier = () =>
    byRequest<NoticeRecord>(NOTICES, { createdBy: actor.userId, requestId: input.requestId })
  const existing = await earlier()
  if (existing) return detailOf(actor, existing, now, true)
  const scope = await resolveScope(input.scope)
  if (!mayPublish(actor, scope)) throw forbidden('只能在自己负责的街道或社区发布公告')
  const draft = checkDraft(input, { userId: actor.userId, key: input.requestId })
  const publishAt = publishTime(input.publishAt, now)
  await check(textOf(draft))
  await checkStored(filesOf(draft))
  const scheduled = publishAt.getTime() > now.getTime()
  const record: NoticeRecord = {
    _id: newId('nt'),
    level: scope.level,
    streetId: scope.streetId,
    communityId: scope.communityId,
    gridIds: scope.gridIds,
    ...scopeKeys(scope),
    ...draft,
    pinned: input.pinned,
    pin: input.pinned ? 1 : 0,
    important: input.important,
    push: input.important ? (scheduled ? 'scheduled' : 'queued') : 'none',
    pushReached: false,
    publishAt,
    status: 'published',
    createdBy: actor.userId,
    publisherName: publisherOf(scope),
    requestId: input.requestId,
    version: 1,
    createdAt: now,
    updatedAt: now,
    withdrawnAt: null,
    outbox: [],
    outboxAt: null,
  }
  const owed = input.important && !scheduled ? entryOf('push', now, pushEffects(record, now)) : null
  const doc = { ...record, ...newOutbox([owed], now) }
  try {
    await db().collection(NOTICES).add(doc)
  } catch (err) {
    const again = isDuplicateKey(err) ? await earlier() : null
    if (!again) throw err
    return detailOf(actor, again, now, true)
  }
  if (owed) await nudge(NOTICES, record._id, now)
  return detailOf(actor, doc, now)
}

export interface EditInput {
  readonly noticeId: string
  readonly title: string
  readonly blocks: readonly NoticeBlock[]
  readonly attachments: readonly NoticeAttachment[]
  readonly pinned: boolean
}

/** notice.edit: an admin over its scope, while published; new files under the notice's id (a conditional write on its version). */
export async function edit(
  ctx: CallContext,
  input: EditInput,
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<NoticeDetail> {
  const { actor } = ctx
  const n = await load(input.noticeId)
  if (!mayManage(actor, n)) throw forbidden('只能修改自己负责范围的公告')
  if (n.status !== 'published') throw new DomainError(NoticesErrors.WITHDRAWN, '公告已撤回')
  const draft = checkDraft(input, { userId: actor.userId, key: n._id }, new Set(filesOf(n)))
  await check(textOf(draft))
  const known = new Set(filesOf(n))
  await checkStored(filesOf(draft).filter((f) => !known.has(f)))
  return decideAndRun<NoticeRecord, NoticeRecord>(
    () => load(n._id),
    (current) => {
      if (current.status !== 'published') throw new DomainError(NoticesErrors.WITHDRAWN, '公告已撤回')
      const patch = {
        ...draft,
        pinned: input.pinned,
        pin: (input.pinned ? 1 : 0) as 0 | 1,
        version: current.version + 1,
        updatedAt: now,
      }
      return {
        plan: updatePlan(NOTICES, n._id, { version: current.version }, patch, null),
        result: { ...current, ...patch } as NoticeRecord,
      }
    },
    now,
  ).then((next) => detailOf(actor, next, now))
}

/** notice.withdraw: an admin over its scope; twice answers the withdrawn notice. A message not yet sent is not sent (its `onlyIf`). */
export async function withdraw(ctx: CallContext, noticeId: string, now: Date): Promise<NoticeDetail> {
  const { actor } = ctx
  const n = await load(noticeId)
  if (!mayManage(actor, n)) throw forbidden('只能撤回自己负责范围的公告')
  const next = await decideAndRun<NoticeRecord, NoticeRecord>(
    () => load(noticeId),
    (current) => {
      if (current.status === 'withdrawn') return { done: current }
      const patch = {
        status: 'withdrawn' as const,
        withdrawnAt: now,
        push: current.push === 'scheduled' ? ('none' as const) : current.push,
        version: current.version + 1,
        updatedAt: now,
      }
      return {
        plan: updatePlan(NOTICES, noticeId, { version: current.version }, patch, null),
        result: { ...current, ...patch },
      }
    },
    now,
  )
  return detailOf(actor, next, now)
}
