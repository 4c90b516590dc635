/** Who hears about a move, and what they read. */
import { holdsWithin } from '../../../src/core/access'
import type { ErrandMove } from '../../../src/core/errands/machine'
import { ErrandStatusLabel, ErrandTypeLabel, type ErrandRecord } from '../../../src/core/errands/model'
import type { UserRecord } from '../../../src/core/me/model'
import {
  beijingTime,
  clipThing,
  type MessageData,
  type TemplateKey,
} from '../../../src/core/notify/templates'
import { deliver, holdersOf, writeNotifications, type Outgoing } from '../notify'
import { db } from '../sdk'

function messageOf(e: ErrandRecord, what: string, now: Date): MessageData {
  return {
    thing1: { value: clipThing(`${ErrandTypeLabel[e.type]}：${e.text}`) },
    phrase2: { value: ErrandStatusLabel[e.status] },
    thing3: { value: clipThing(what) },
    time4: { value: beijingTime(now) },
  }
}

/** Who hears about a move, and what they read. */
function announce(
  e: ErrandRecord,
  move: ErrandMove,
  byId: string,
  staff: readonly UserRecord[],
  now: Date,
): Outgoing[] {
  const out: Outgoing[] = []
  const to = (recipientId: string | null, template: TemplateKey, what: string) => {
    if (recipientId && recipientId !== byId) {
      out.push({
        kind: `errand.${move}.v${e.version}`,
        sourceId: e._id,
        recipientId,
        template,
        data: messageOf(e, what, now),
      })
    }
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
      for (const s of staff)
        to(s._id, 'errandAttention', move === 'dispute' ? '居民对互助有异议' : '交接码多次错误已锁定')
      break
    case 'close':
    case 'unlock':
      to(e.requesterId, 'errandProgress', '网格员已处理')
      to(helper, 'errandProgress', '网格员已处理')
      break
  }
  return out
}

/** Grid workers of the errand's grid (for disputes and lockouts). */
async function gridStaff(e: ErrandRecord): Promise<UserRecord[]> {
  return (await holdersOf('grid_worker', { gridId: e.path.gridId })).filter((u) =>
    holdsWithin(u, 'grid_worker', { gridId: e.path.gridId }),
  )
}

export async function notifyMove(
  before: ErrandRecord,
  next: ErrandRecord,
  move: ErrandMove,
  byId: string,
  now: Date,
): Promise<void> {
  const staff = move === 'dispute' || move === 'lock' ? await gridStaff(next) : []
  // The released / cancelled helper is named on `before`.
  const subject =
    move === 'release' || move === 'cancel'
      ? { ...next, helperId: before.helperId, helperName: before.helperName }
      : next
  const messages = announce(subject, move, byId, staff, now)
  if (messages.length === 0) return
  try {
    await deliver(await writeNotifications(db(), messages, now))
  } catch (err) {
    console.log(
      JSON.stringify({ level: 'error', what: 'errand.notify', errandId: next._id, error: String(err) }),
    )
  }
}
