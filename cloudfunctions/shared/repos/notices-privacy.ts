/**
 * Notices' part of me.data and me.delete (see privacy.ts). A read receipt says which notice a
 * person read and when: me.data shows them (the newest, with the notice's title); me.delete deletes
 * them. The read counts stay: they are numbers per grid, naming nobody. Notices themselves name
 * their publishing office, never a person (their `createdBy` is an internal id kept for the record).
 */
import { NOTICE_READS, NOTICES, type NoticeReadRecord } from '../../../src/core/notices/model'
import { definePrivacy, ERASE_BATCH, ERASE_ROUNDS, iso, recent } from '../privacy'
import { db } from '../sdk'

export const noticesPrivacy = definePrivacy({
  feature: 'notices',
  sections: ['noticeReads'],
  data: async (actor) => {
    const { count, rows } = await recent<NoticeReadRecord>(NOTICE_READS, { userId: actor.userId }, 'readAt')
    const titles = await titlesOf(rows.map((r) => r.noticeId))
    return {
      noticeReads: {
        count,
        lines: rows.map((r) => ({
          noticeId: r.noticeId,
          title: titles.get(r.noticeId) ?? '（公告已删除）',
          readAt: iso(r.readAt) ?? '',
        })),
      },
    }
  },
  forget: async (userId) => {
    for (let round = 0; round < ERASE_ROUNDS; round += 1) {
      const res = await db()
        .collection(NOTICE_READS)
        .where({ userId })
        .field({ _id: true })
        .limit(ERASE_BATCH)
        .get()
      const ids = (res.data as { _id: string }[]).map((r) => r._id)
      for (const id of ids) await db().collection(NOTICE_READS).doc(id).remove()
      if (ids.length < ERASE_BATCH) return
    }
  },
})

async function titlesOf(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const res = await db()
    .collection(NOTICES)
    .where({ _id: db().command.in(unique) })
    .field({ _id: true, title: true })
    .limit(unique.length)
    .get()
  return new Map((res.data as { _id: string; title: string }[]).map((n) => [n._id, n.title]))
}
