/**
 * Eight weeks of concluded work orders across the street (东街道), so the dashboards have a history
 * to show on a fresh start: every grid but 新华社区第1网格 (where the journeys file their own), one to
 * three reports each, received, accepted, some taken up to the community, replied, and then rated
 * or closed when their reopening window ended, or still within it. Built through core's own
 * deciders, like real ones, and dated back from the moment of seeding; the counters
 * (`order_stats`, `day_stats`) are exactly the counts those moves owe, carried out by the seed
 * (./counts.ts). Messages are not replayed. No order is left open, so no deadline falls due and no queue fills.
 *
 * The reporters are neighbours of those grids who have no account on this demo machine (their
 * names are on the orders, as a report's are); the handlers are each grid's demo grid worker and
 * its community's admin. Randomness comes from a fixed seed: the same orders on every fresh seed.
 */
import type { Effect } from '../../src/core/effects'
import { DefaultCategories } from '../../src/core/orders/categories'
import { applyMove, type MoveRequest, type Mover } from '../../src/core/orders/decide'
import { moveEffects } from '../../src/core/orders/effects'
import type { OrderRecord, Rating } from '../../src/core/orders/model'
import { newOrder } from '../../src/core/orders/new-order'
import { DefaultSla } from '../../src/core/orders/sla'
import type { Building, Grid } from '../../src/core/org/model'
import { demoId } from './ids'
import { mulberry32 } from './random'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const WEEKS = 8

/** What neighbours report, by category: a few lines each, as residents write them. */
const TEXTS: Readonly<Record<string, readonly string[]>> = {
  safety: ['楼下有人用飞线给电动车充电，晚上很危险', '消防通道被杂物堵住了，消防车进不来'],
  illegal_build: ['一楼住户在绿地上搭了棚子', '楼顶有人私自加盖了小屋'],
  street_light: ['小区门口的路灯坏了好几天，晚上很黑', '单元楼道灯不亮，老人上下楼不方便'],
  drain: ['单元门口下水道堵了，污水漫到路上', '雨水井盖下面堵住了，一下雨就积水'],
  clutter: ['楼道里堆满了纸箱和旧家具', '三楼楼梯口放着旧自行车，挡住了路'],
  parking: ['有车长期停在消防通道上', '小区门口电动车乱停，轮椅过不去'],
  sanitation: ['垃圾桶满了两天没人清运', '花坛里有人倒建筑垃圾'],
  noise: ['楼上每天晚上十点以后还在装修', '楼下商铺音响开得太大，影响休息'],
  dispute: ['楼上漏水把我家天花板泡了，沟通不了', '邻居在公共走廊放鞋柜，说不通'],
  suggestion: ['建议在小区里多装几张休息的长椅', '建议给老旧单元加装扶手'],
}
const REPLIES = ['已联系物业处理完毕', '已上门查看并协调解决', '已通知相关单位，已修复', '已现场清理']
const SURNAMES = ['张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何']

export interface History {
  readonly orders: OrderRecord[]
}

export function streetHistory(
  grids: readonly Grid[],
  buildings: readonly Building[],
  workerOf: (gridId: string) => { readonly userId: string; readonly name: string },
  adminOf: (communityId: string) => { readonly userId: string; readonly name: string },
  now: Date,
): History {
  const random = mulberry32(20261207)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const categories = DefaultCategories.filter((c) => c.id !== 'other')
  const orders: OrderRecord[] = []
  const owed: Effect[] = []
  let n = 0
  for (const grid of grids) {
    if (grid._id === 'gr-xinhua-01') continue
    const path = { streetId: grid.streetId, communityId: grid.communityId, gridId: grid._id }
    const inGrid = buildings.filter((b) => b.gridId === grid._id)
    const worker = workerOf(grid._id)
    const admin = adminOf(grid.communityId)
    const count = 1 + Math.floor(random() * 3)
    for (let i = 0; i < count; i += 1) {
      n += 1
      const category = pick(categories)
      const building = pick(inGrid)
      // Received on a day of the last eight weeks (today's count is the journeys'), 8:00–20:00 in China.
      // More of them lately (as a new service's use grows): this week and month are seldom empty.
      const daysAgo = 1 + Math.floor(random() ** 1.8 * (WEEKS * 7 - 1))
      const midnightChina = Math.floor((now.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR
      const submittedAt = new Date(midnightChina - daysAgo * DAY + (8 + random() * 12) * HOUR)
      const reporterId = `user-neighbour-${n}`
      const reporter = `${pick(SURNAMES)}${pick(['阿姨', '大爷', '先生', '女士'])}`
      let o = newOrder({
        id: demoId('wo', `e睦邻 demo history order ${n}`),
        actor: { userId: reporterId, grants: [{ role: 'resident', scope: path }] },
        user: { realName: reporter, displayName: reporter },
        input: {
          requestId: `demo-history-${n}`,
          text: pick(TEXTS[category.id] ?? ['小区里有问题需要处理']),
          photos: [],
          location: { kind: 'building', buildingId: building?._id ?? '' },
          hideName: false,
        },
        category,
        held: false,
        place: {
          path: { ...path, ...(building ? { buildingId: building._id } : {}) },
          placeName: building?.name ?? '',
        },
        now: submittedAt,
        sla: DefaultSla,
      })
      owed.push(...(o.outbox?.[0]?.effects ?? []))
      const hazard = category.hazard
      // The steps' durations in hours, drawn first, then shortened to fit before now if need be.
      const escalated = random() < 0.15
      const rating: Rating | null = random() < 0.7 ? (random() < 0.75 ? 'satisfied' : 'basically') : null
      const steps = {
        // Most are accepted within the grid's 4 hours (a hazard within its hour); some are late.
        accept: hazard ? 0.2 + random() * 1.2 : 0.2 + random() * 6,
        escalate: 1 + random() * 6,
        accept2: 0.5 + random() * 6,
        start: 0.2 + random() * 2,
        reply: 2 + random() * 70,
        rate: 1 + random() * 20,
      }
      const room = (now.getTime() - submittedAt.getTime()) / HOUR - 1
      const total = Object.values(steps).reduce((a, b) => a + b, 0)
      const fit = Math.min(1, room / total)
      let at = submittedAt.getTime()
      const move = (by: Mover, req: MoveRequest, hours: number): void => {
        at += hours * HOUR
        const when = new Date(at)
        const r = applyMove(o, req, { by, now: when, sla: DefaultSla, hazard })
        owed.push(...moveEffects(o, r, DefaultSla, hazard, when))
        o = r.next
      }
      const handler = (
        who: { userId: string; name: string },
        role: 'grid_worker' | 'community_admin',
      ): Mover => ({
        kind: 'person',
        userId: who.userId,
        name: who.name,
        role,
        parties: ['handler'],
      })
      const asWorker = handler(worker, 'grid_worker')
      move(asWorker, { move: 'accept' }, steps.accept * fit)
      let by = asWorker
      if (escalated) {
        move(asWorker, { move: 'escalate', reason: '需要社区协调相关单位' }, steps.escalate * fit)
        by = handler(admin, 'community_admin')
        move(by, { move: 'accept' }, steps.accept2 * fit)
      }
      move(by, { move: 'start' }, steps.start * fit)
      move(by, { move: 'reply', outcome: 'handled', text: pick(REPLIES) }, steps.reply * fit)
      // Most reporters rate; the rest close when their reopening window ends (if it has by now).
      if (rating) {
        const mover: Mover = {
          kind: 'person',
          userId: reporterId,
          name: reporter,
          role: 'resident',
          parties: ['reporter'],
        }
        move(mover, { move: 'rate', rating }, steps.rate * fit)
      } else if (o.dueAt && new Date(o.dueAt).getTime() < now.getTime()) {
        move({ kind: 'system' }, { move: 'close' }, (new Date(o.dueAt).getTime() - at) / HOUR)
      }
      if (at > now.getTime()) throw new Error(`demo history order ${n} would end in the future`)
      orders.push({ ...o, unnotified: false, outbox: [], outboxAt: null })
    }
  }
  // The moves' counts are owed on the orders, carried out once by the seed (./counts.ts).
  return {
    orders: orders.map((o, i) =>
      i === 0 ? { ...o, outbox: [{ id: 'history', at: now, effects: owed }] } : o,
    ),
  }
}
