/**
 * The notices store (社区公告): it only talks to the SDK; who may publish, read and manage, and what
 * a notice may hold, is src/core/notices/rules.ts.
 */
import { placeIds } from '../../../src/core/access'
import { entryOf, newOutbox } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type {
  GridReads,
  NoticeCard,
  NoticeDetail,
  NoticeManagePage,
  NoticePage,
  PublishOptions,
} from '../../../src/core/notices/api'
import { pushEffects, readCount } from '../../../src/core/notices/effects'
import { NoticesErrors } from '../../../src/core/notices/errors'
import type { LatestNotice } from '../../../src/core/notices/latest-api'
import {
  NOTICE_COUNTS,
  NOTICE_READS,
  NOTICES,
  type NoticeAttachment,
  type NoticeBlock,
  type NoticeCountsRecord,
  type NoticeReadRecord,
  type NoticeRecord,
  type NoticeScope,
} from '../../../src/core/notices/model'
import {
  checkDraft,
  filesOf,
  isOut,
  mayManage,
  mayPublish,
  mayRead,
  publishTime,
  readerGrid,
  readerKeys,
  scopeKeys,
  summaryOf,
  textOf,
  type ResolvedScope,
} from '../../../src/core/notices/rules'
import type { Actor } from '../../../src/core/roles'
import type { Community, Grid, Street } from '../../../src/core/org/model'
import { updatePlan } from '../../../src/core/plan'
import { allStored } from '../files'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { nudge } from '../outbox'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import { getDoc, namesByIds } from './docs'
import { afterTimeCursor, timeCursor } from './paging'

const PAGE = 20

const notFound = () => new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到这条公告')
const forbidden = (message: string) => new DomainError(CommonErrorCodes.FORBIDDEN, message)

export async function load(noticeId: string): Promise<NoticeRecord> {
  const n = await getDoc<NoticeRecord>(NOTICES, noticeId)
  if (!n) throw notFound()
  return n
}

// ── Views ──

function stateOf(n: NoticeRecord, now: Date): NoticeCard['state'] {
  if (n.status === 'withdrawn') return 'withdrawn'
  return isOut(n, now) ? 'out' : 'scheduled'
}

function scopeLabel(n: NoticeRecord, names: ReadonlyMap<string, string>): string {
  if (n.level === 'street') return '全街道'
  if (n.level === 'community') return `${names.get(n.communityId ?? '') ?? ''}全体居民`
  const grids = (n.gridIds ?? []).map((g) => names.get(g) ?? '网格')
  return grids.length > 3 ? `${grids.slice(0, 3).join('、')}等 ${grids.length} 个网格` : grids.join('、')
}

async function namesFor(list: readonly NoticeRecord[]): Promise<Map<string, string>> {
  const [communities, grids] = await Promise.all([
    namesByIds(
      'communities',
      list.flatMap((n) => (n.communityId ? [n.communityId] : [])),
    ),
    namesByIds(
      'grids',
      list.flatMap((n) => (n.gridIds ?? []).slice(0, 4)),
    ),
  ])
  return new Map([...communities, ...grids])
}

function cardOf(n: NoticeRecord, names: ReadonlyMap<string, string>, now: Date): NoticeCard {
  return {
    id: n._id,
    title: n.title,
    summary: summaryOf(n.blocks),
    publisherName: n.publisherName,
    scopeLabel: scopeLabel(n, names),
    publishAt: new Date(n.publishAt).toISOString(),
    pinned: n.pinned,
    important: n.important,
    attachments: n.attachments.length,
    state: stateOf(n, now),
  }
}

async function cardsOf(list: readonly NoticeRecord[], now: Date): Promise<NoticeCard[]> {
  const names = await namesFor(list)
  return list.map((n) => cardOf(n, names, now))
}

/** Read counts per grid: the scope's grids (a community's: all of them), with the counters' numbers. */
async function readsOf(n: NoticeRecord): Promise<NonNullable<NoticeDetail['reads']>> {
  const counts = await getDoc<NoticeCountsRecord>(NOTICE_COUNTS, n._id)
  const counted = counts?.grids ?? {}
  let gridIds: string[]
  if (n.level === 'grids') gridIds = [...(n.gridIds ?? [])]
  else if (n.level === 'community') {
    const res = await db()
      .collection('grids')
      .where({ communityId: n.communityId })
      .field({ _id: true })
      .limit(100)
      .get()
    gridIds = (res.data as { _id: string }[]).map((g) => g._id)
  } else gridIds = []
  const all = [...new Set([...gridIds, ...Object.keys(counted)])]
  const names = await namesByIds('grids', all)
  const grids: GridReads[] = all
    .map((gridId) => ({ gridId, name: names.get(gridId) ?? '网格', reads: counted[gridId] ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))
  return { total: counts?.total ?? 0, grids }
}

async function detailOf(actor: Actor, n: NoticeRecord, now: Date, retried?: boolean): Promise<NoticeDetail> {
  const manage = mayManage(actor, n)
  const [names, reads] = await Promise.all([namesFor([n]), manage ? readsOf(n) : null])
  return {
    ...cardOf(n, names, now),
    level: n.level,
    streetId: n.streetId,
    communityId: n.communityId,
    gridIds: n.gridIds,
    blocks: n.blocks,
    files: n.attachments,
    status: n.status,
    push: manage ? { state: n.push, reached: n.pushReached === true } : null,
    reads,
    can: { edit: manage && n.status === 'published', withdraw: manage && n.status === 'published' },
    me: actor.userId,
    ...(retried ? { retried: true } : {}),
  }
}

// ── Residents ──

/** After (pin, publishAt, _id) of the last card shown: `<pin>_<ms>_<id>`. */
function afterCursor(cursor: string | undefined): object {
  if (!cursor) return {}
  const m = /^([01])_(\d+)_(.+)$/.exec(cursor)
  if (!m) return {}
  const _ = db().command
  const pin = Number(m[1])
  const at = new Date(Number(m[2]))
  const id = m[3]
  return _.or([{ pin: _.lt(pin) }, { pin, publishAt: _.lt(at) }, { pin, publishAt: at, _id: _.lt(id) }])
}

async function visible(actor: Actor, now: Date, limit: number, cursor?: string): Promise<NoticeRecord[]> {
  const _ = db().command
  const res = await db()
    .collection(NOTICES)
    .where(
      _.and([
        { audience: _.in(readerKeys(actor)), status: 'published', publishAt: _.lte(now) },
        afterCursor(cursor),
      ]),
    )
    .orderBy('pin', 'desc')
    .orderBy('publishAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get()
  return res.data as NoticeRecord[]
}

/** notice.list: my street's, community's and grid's notices that are out, pinned first (index `audience_order`). */
export async function list(actor: Actor, cursor: string | undefined, now: Date): Promise<NoticePage> {
  const docs = await visible(actor, now, PAGE + 1, cursor)
  const page = docs.slice(0, PAGE)
  const last = page[page.length - 1]
  return {
    items: await cardsOf(page, now),
    cursor:
      docs.length > PAGE && last ? `${last.pin}_${new Date(last.publishAt).getTime()}_${last._id}` : null,
  }
}

/** notice.latest: the home card (one read, no names). */
export async function latest(actor: Actor, now: Date): Promise<{ notice: LatestNotice | null }> {
  const [n] = await visible(actor, now, 1)
  return {
    notice: n
      ? { id: n._id, title: n.title, publishAt: new Date(n.publishAt).toISOString(), pinned: n.pinned }
      : null,
  }
}

/**
 * notice.get: the notice if the caller may read it (else DATA.NOT_FOUND, as for a notice that does
 * not exist: a scheduled or another grid's notice is not revealed). A resident it is meant for
 * leaves a receipt on first read (unique on notice and person): the receipt's outbox counts the
 * read for their grid, exactly once.
 */
export async function get(actor: Actor, noticeId: string, now: Date): Promise<NoticeDetail> {
  const n = await load(noticeId)
  if (!mayRead(actor, n, now)) throw notFound()
  const gridId = isOut(n, now) ? readerGrid(actor, n) : null
  if (gridId) await receipt(n._id, actor.userId, gridId, now)
  return detailOf(actor, n, now)
}

async function receipt(noticeId: string, userId: string, gridId: string, now: Date): Promise<void> {
  const seen = await db().collection(NOTICE_READS).where({ noticeId, userId }).limit(1).get()
  if ((seen.data as unknown[]).length > 0) return
  const _id = newId('nr')
  const doc: NoticeReadRecord = {
    _id,
    noticeId,
    userId,
    gridId,
    readAt: now,
    ...newOutbox([entryOf('read', now, [readCount(noticeId, gridId)])], now),
  }
  try {
    await db().collection(NOTICE_READS).add(doc)
  } catch (err) {
    // The same person's other tap won the unique (noticeId, userId) index: counted there.
    if (isDuplicateKey(err)) return
    throw err
  }
  await nudge(NOTICE_READS, _id, now)
}

// ── Staff ──

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

/** notice.manage: a community's notices (its own and its grids') or a street's (all), newest first (index `places_created`). */
export async function manage(
  actor: Actor,
  input: { communityId?: string | undefined; streetId?: string | undefined; cursor?: string | undefined },
  now: Date,
): Promise<NoticeManagePage> {
  let placeId: string
  let placeName: string
  if (input.communityId) {
    const c = await getDoc<Community>('communities', input.communityId)
    if (!c) throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
    if (!mayPublish(actor, { streetId: c.streetId, communityId: c._id }))
      throw forbidden('只能查看自己负责社区的公告')
    placeId = c._id
    placeName = c.name
  } else {
    const streetId = input.streetId ?? placeIds(actor, 'street_admin', 'street')[0]
    const s = streetId ? await getDoc<Street>('streets', streetId) : null
    if (!s) throw new DomainError(CommonErrorCodes.NOT_FOUND, '街道不存在')
    if (!mayPublish(actor, { streetId: s._id, communityId: null }))
      throw forbidden('只能查看自己负责街道的公告')
    placeId = s._id
    placeName = s.name
  }
  const _ = db().command
  const res = await db()
    .collection(NOTICES)
    .where(_.and([{ places: placeId }, afterTimeCursor(input.cursor, 'createdAt', 'desc')]))
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(PAGE + 1)
    .get()
  const docs = res.data as NoticeRecord[]
  const page = docs.slice(0, PAGE)
  const last = page[page.length - 1]
  return {
    placeName,
    items: await cardsOf(page, now),
    cursor: docs.length > PAGE && last ? timeCursor(last.createdAt, last._id) : null,
  }
}

/** notice.options: the streets and communities the caller may publish for; a community's grids. */
export async function options(actor: Actor, communityId: string | undefined): Promise<PublishOptions> {
  const streetIds = placeIds(actor, 'street_admin', 'street')
  const _ = db().command
  const [streets, own, inStreets] = await Promise.all([
    namesByIds('streets', streetIds),
    namesByIds('communities', placeIds(actor, 'community_admin', 'community')),
    streetIds.length > 0
      ? db()
          .collection('communities')
          .where({ streetId: _.in(streetIds) })
          .field({ _id: true, name: true })
          .limit(100)
          .get()
      : { data: [] },
  ])
  const communities = new Map(own)
  for (const c of inStreets.data as { _id: string; name: string }[]) communities.set(c._id, c.name)
  let grids: { id: string; name: string }[] = []
  if (communityId) {
    const c = await getDoc<Community>('communities', communityId)
    if (!c) throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
    if (!mayPublish(actor, { streetId: c.streetId, communityId: communityId }))
      throw forbidden('只能在自己负责的社区发布公告')
    const res = await db()
      .collection('grids')
      .where({ communityId })
      .field({ _id: true, name: true })
      .limit(100)
      .get()
    grids = (res.data as { _id: string; name: string }[])
      .map((g) => ({ id: g._id, name: g.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))
  }
  const opt = (m: Map<string, string>) => [...m].map(([id, name]) => ({ id, name }))
  return { streets: opt(streets), communities: opt(communities), grids, me: actor.userId }
}

/**
 * The sweep: scheduled important notices whose time has come hand their message to the outbox
 * (index `push_due`), each a conditional move on its version; at most 50 a run.
 */
export async function sendDue(now: Date): Promise<number> {
  const _ = db().command
  const res = await db()
    .collection(NOTICES)
    .where({ push: 'scheduled', publishAt: _.lte(now) })
    .limit(50)
    .get()
  let sent = 0
  for (const due of res.data as NoticeRecord[]) {
    const moved = await decideAndRun<NoticeRecord, boolean>(
      () => load(due._id),
      (n) => {
        if (n.push !== 'scheduled' || n.status !== 'published') return { done: false }
        const entry = entryOf('push', now, pushEffects(n, now))
        return {
          plan: updatePlan(
            NOTICES,
            n._id,
            { version: n.version },
            { push: 'queued', version: n.version + 1 },
            entry,
          ),
          result: true,
        }
      },
      now,
    )
    if (moved) sent += 1
  }
  return sent
}
