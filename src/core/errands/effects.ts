/**
 * Who hears about an errand and what they read (src/core/effects.ts), written once: the store puts
 * these on the errand in the move's own write and the dispatcher sends them.
 */
import { dayCount, personKey } from '../dashboard/days'
import type { Count, Effect, Notify } from '../effects'
import { beijingTime, clipThing, type MessageData, type TemplateKey } from '../notify/templates'
import type { ErrandMove } from './machine'
import { ErrandStatusLabel, ErrandTypeLabel, type ErrandRecord } from './model'

function messageOf(e: ErrandRecord, what: string, now: Date): MessageData {
  return {
    thing1: { value: clipThing(`${ErrandTypeLabel[e.type]}：${e.text}`) },
    phrase2: { value: ErrandStatusLabel[e.status] },
    thing3: { value: clipThing(what) },
    time4: { value: beijingTime(now) },
  }
}

/**
 * A new errand: the grid's verified helpers who opted in (and, for a child pickup, whom the parent
 * trusts), chosen by the store from the helpers it read.
 */
export function postEffects(e: ErrandRecord, recipientIds: readonly string[], windowStart: Date): Effect[] {
  const counts = dayCounts(e, 'post', e.createdAt)
  if (recipientIds.length === 0) return counts
  return [
    ...counts,
    {
      kind: 'notify',
      key: 'errand.new',
      to: { users: recipientIds },
      template: 'errandNew',
      data: {
        thing1: { value: clipThing(`${ErrandTypeLabel[e.type]}：${e.text}`) },
        thing2: { value: clipThing(`${beijingTime(windowStart)}起`) },
        thing3: { value: `${e.points}积分` },
        thing4: { value: '邻居需要帮忙，先到先得' },
      },
    },
  ]
}

/**
 * Who hears about a move, and what they read. `before` names the helper a release or cancel let go;
 * the mover (`byId`) is never told of their own move.
 */
export function moveEffects(
  before: ErrandRecord,
  next: ErrandRecord,
  move: ErrandMove,
  byId: string,
  now: Date,
): Effect[] {
  const e =
    move === 'release' || move === 'cancel'
      ? { ...next, helperId: before.helperId, helperName: before.helperName }
      : next
  const out: Notify[] = []
  const key = `errand.${move}.v${e.version}`
  const to = (recipientId: string | null, template: TemplateKey, what: string) => {
    if (recipientId && recipientId !== byId)
      out.push({ kind: 'notify', key, to: { users: [recipientId] }, template, data: messageOf(e, what, now) })
  }
  const helper = e.helperId
  switch (move) {
    case 'accept':
      to(e.requesterId, 'errandProgress', `${e.helperName ?? '邻居'}已接单`)
      break
    case 'release':
      to(e.requesterId, 'errandProgress', '帮办人已放弃，重新等待接单')
      break
    case 'cancel':
      to(e.requesterId, 'errandProgress', '互助已取消')
      to(helper, 'errandProgress', '对方已取消这次互助')
      break
    case 'start':
      to(e.requesterId, 'errandProgress', e.type === 'child_pickup' ? '已接到孩子' : '帮办人已出发')
      break
    case 'done':
      to(e.requesterId, 'errandProgress', '已完成，请确认')
      break
    case 'expire':
      to(e.requesterId, 'errandProgress', '无人接单，已过期')
      break
    case 'confirm':
    case 'settle':
      to(helper, 'errandProgress', `已确认完成，获得${e.points}积分`)
      if (move === 'settle') to(e.requesterId, 'errandProgress', '网格员已处理异议')
      break
    case 'dispute':
    case 'lock':
      // The grid workers of the errand's grid.
      out.push({
        kind: 'notify',
        key,
        to: {
          staff: ['grid_worker'],
          over: { streetId: e.path.streetId, communityId: e.path.communityId, gridId: e.path.gridId },
        },
        except: [byId],
        template: 'errandAttention',
        data: messageOf(e, move === 'dispute' ? '居民对互助有异议' : '交接码多次错误已锁定', now),
      })
      break
    case 'close':
    case 'unlock':
      to(e.requesterId, 'errandProgress', '网格员已处理')
      to(helper, 'errandProgress', '网格员已处理')
      break
  }
  return [...out, ...dayCounts(e, move, now)]
}

/**
 * The errands' part of the per-day buckets (src/core/dashboard/days.ts, namespace `e`), in the
 * errand's grid's bucket of the day of the move: `e.posted`; `e.accepted` (a release takes one
 * back); `e.confirmed` with `e.points` paid and `e.people.<key>`, the helper who did it (distinct
 * helpers, by an unreadable key: personKey).
 */
export function dayCounts(e: ErrandRecord, move: ErrandMove | 'post', at: Date): Count[] {
  const place = { communityId: e.path.communityId, gridId: e.path.gridId, streetId: e.path.streetId }
  switch (move) {
    case 'post':
      return dayCount(place, at, { 'e.posted': 1 })
    case 'accept':
      return dayCount(place, at, { 'e.accepted': 1 })
    case 'release':
      return dayCount(place, at, { 'e.accepted': -1 })
    case 'confirm':
    case 'settle':
      return dayCount(place, at, {
        'e.confirmed': 1,
        'e.points': e.points,
        ...(e.helperId ? { [`e.people.${personKey(e.helperId)}`]: 1 } : {}),
      })
    default:
      return []
  }
}
