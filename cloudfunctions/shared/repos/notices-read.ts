/**
 * Notices as residents read them: the list of those out for my street, community and grid (pinned
 * first), the home card, and one notice, whose first read by a resident it is meant for leaves a
 * receipt that counts the read for their grid exactly once.
 */
import { entryOf, newOutbox } from '../../../src/core/effects'
import type { NoticeDetail, NoticePage } from '../../../src/core/notices/api'
import { readCount } from '../../../src/core/notices/effects'
import type { LatestNotice } from '../../../src/core/notices/latest-api'
import {
  NOTICE_READS,
  NOTICES,
  type NoticeReadRecord,
  type NoticeRecord,
} from '../../../src/core/notices/model'
import { isOut, mayRead, readerGrid, readerKeys } from '../../../src/core/notices/rules'
import type { Actor } from '../../../src/core/roles'
import { isDuplicateKey, newId } from '../ids'
import { nudge } from '../outbox'
import { db } from '../sdk'
import { cardsOf, detailOf, load, notFound, PAGE } from './notices-base'

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
