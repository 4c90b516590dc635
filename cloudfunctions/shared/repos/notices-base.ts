/**
 * What the notices store's parts share: loading a notice, and the card and the detail as the
 * caller sees them (the scope named, the read counts per grid for whoever manages it).
 */
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { GridReads, NoticeCard, NoticeDetail } from '../../../src/core/notices/api'
import {
  NOTICE_COUNTS,
  NOTICES,
  type NoticeCountsRecord,
  type NoticeRecord,
} from '../../../src/core/notices/model'
import { isOut, mayManage, summaryOf } from '../../../src/core/notices/rules'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { getDoc, namesByIds } from './docs'

export const PAGE = 20

export const notFound = () => new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到这条公告')
export const forbidden = (message: string) => new DomainError(CommonErrorCodes.FORBIDDEN, message)

export async function load(noticeId: string): Promise<NoticeRecord> {
  const n = await getDoc<NoticeRecord>(NOTICES, noticeId)
  if (!n) throw notFound()
  return n
}

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

export async function cardsOf(list: readonly NoticeRecord[], now: Date): Promise<NoticeCard[]> {
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

export async function detailOf(
  actor: Actor,
  n: NoticeRecord,
  now: Date,
  retried?: boolean,
): Promise<NoticeDetail> {
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
