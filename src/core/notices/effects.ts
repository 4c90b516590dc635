/**
 * What follows from notices' moves (ADR 0019): an important notice's subscribe message to the
 * households of its scope (only those holding a subscription receive it; the others' records say
 * so), and a read receipt's count onto the notice's counters.
 */
import { clipThing, beijingTime } from '../notify/templates'
import type { Count, Effect, Notify } from '../effects'
import { NOTICE_COUNTS, type NoticeRecord } from './model'

/** The largest audience one message effect records (a street of 36 grids stays within it per grid). */
export const PUSH_LIMIT = 2000

/**
 * The message of an important notice, once per household member of its scope, sent only while the
 * notice is still published (`onlyIf`); `pushReached` is set once one got through.
 */
export function pushEffects(n: NoticeRecord, now: Date): Notify[] {
  const places =
    n.level === 'street'
      ? [{ streetId: n.streetId }]
      : n.level === 'community'
        ? [{ streetId: n.streetId, communityId: n.communityId ?? '' }]
        : (n.gridIds ?? []).map((gridId) => ({
            streetId: n.streetId,
            communityId: n.communityId ?? '',
            gridId,
          }))
  return places.map((residents) => ({
    kind: 'notify' as const,
    key: 'notice.published',
    once: 'notice.published',
    to: { residents, limit: PUSH_LIMIT },
    except: [n.createdBy],
    template: 'noticePublished' as const,
    data: {
      thing1: { value: clipThing(n.title) },
      thing2: { value: clipThing(n.publisherName) },
      time3: { value: beijingTime(new Date(n.publishAt) < now ? now : new Date(n.publishAt)) },
      thing4: { value: '点击查看公告全文' },
    },
    onlyIf: { status: 'published' },
    onReached: { pushReached: true },
  }))
}

/** A first read of a notice by a resident of `gridId`: one more reader, in all and for the grid. */
export function readCount(noticeId: string, gridId: string): Count {
  return {
    kind: 'count',
    collection: NOTICE_COUNTS,
    id: noticeId,
    incs: { total: 1, [`grids.${gridId}`]: 1 },
    init: { total: 0, grids: {} },
  }
}

export type { Effect }
