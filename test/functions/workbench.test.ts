import { chinaToday } from '../../src/core/workbench/rules'
import { codeOf, ok, requestIds, useApi } from '../support/api-test'
import {
  DONGSHAN_ADMIN,
  LEADER_ZHOU,
  STREET_ADMIN,
  WANG,
  XINHUA_01,
  XINHUA_01_WORKER as WORKER,
  XINHUA_02_WORKER,
  XINHUA_ADMIN,
} from '../support/demo-people'

const { call, db } = useApi()

// workbench.summary through the built api function on the local CloudBase, with the demo data:
// each count is measured before and after adding what it counts, in and out of the caller's place.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any
type Counts = Record<string, number>

async function desks(openid: string): Promise<Any[]> {
  return ok(await call(openid, 'workbench.summary', {})).desks
}
async function countsOf(openid: string, role: string): Promise<Counts> {
  const d = (await desks(openid)).find((x) => x.role === role)
  if (!d) throw new Error(`${openid} has no ${role} desk`)
  return Object.fromEntries(d.counts.map((c: { key: string; count: number }) => [c.key, c.count]))
}
const diff = (after: Counts, before: Counts) =>
  Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]))

const rid = requestIds('wb')
const BUILDING = { ...XINHUA_01, buildingId: 'bd-xinhua-01-01', unitId: 'bd-xinhua-01-01-u1' }

describe('workbench.summary through the built api function', () => {
  it('counts what waits in the caller’s place, and nothing outside it', async () => {
    const before = {
      worker: await countsOf(WORKER, 'grid_worker'),
      other: await countsOf(XINHUA_02_WORKER, 'grid_worker'),
      leader: await countsOf(LEADER_ZHOU, 'building_leader'),
      admin: await countsOf(XINHUA_ADMIN, 'community_admin'),
      dongshan: await countsOf(DONGSHAN_ADMIN, 'community_admin'),
      street: await countsOf(STREET_ADMIN, 'street_admin'),
    }

    // Two reports by a resident of 新华社区第1网格, one of them a hazard; one then goes overdue.
    // As the app does, each submit is followed by its dispatch nudge (which counts it in order_stats).
    const submit = async (category: string, text: string) => {
      const { orderId } = ok(await call(WANG, 'report.submit', { requestId: rid(), category, text }))
      ok(await call(WANG, 'order.dispatch', { orderId }))
      return orderId as string
    }
    const light = await submit('street_light', '楼前路灯不亮')
    await submit('safety', '楼道里电动车飞线充电')
    await db().collection('orders').doc(light).update({ overdue: true })
    // A join into 1号楼 waiting for its building leader; a disputed errand; today's activity with a
    // check-in to confirm; an issued voucher — all in 新华社区.
    await db()
      .collection('join_requests')
      .add({
        userId: 'user-wb-applicant',
        requestId: rid(),
        path: { ...BUILDING, householdId: 'hh-wb' },
        policy: 'building_leader',
        status: 'pending',
        createdAt: new Date(),
      })
    await db().collection('errands').add({
      requesterId: 'user-wb-requester',
      requestId: rid(),
      path: BUILDING,
      status: 'disputed',
      open: false,
      createdAt: new Date(),
    })
    const activity = await db().collection('activities').add({
      communityId: XINHUA_01.communityId,
      title: '今日清扫',
      status: 'published',
      startAt: new Date(),
    })
    await db().collection('activity_signups').add({
      activityId: activity.id,
      userId: 'user-wb-volunteer',
      status: 'checked_in',
      signedAt: new Date(),
    })
    await db()
      .collection('market_vouchers')
      .add({
        userId: 'user-wb-buyer',
        requestId: rid(),
        code: `WB${Date.now()}`,
        communityId: XINHUA_01.communityId,
        status: 'issued',
        issuedAt: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
      })

    // A topic of grid 1 waiting to be put on the agenda (and one already decided, not counted).
    for (const status of ['proposed', 'decided'])
      await db().collection('topics').add({
        proposerId: 'user-wb-proposer',
        requestId: rid(),
        path: XINHUA_01,
        status,
        createdAt: new Date(),
      })

    // A wish of grid 1 waiting for the staff's check (and one already on the wall, not counted).
    for (const status of ['pending', 'published'])
      await db().collection('wishes').add({
        postedBy: 'user-wb-wisher',
        requestId: rid(),
        path: XINHUA_01,
        status,
        createdAt: new Date(),
      })

    // 百宝屋 (the community's): a hold waiting for its pickup, a loan due later today, one overdue.
    const C = XINHUA_01.communityId
    await db()
      .collection('lending_holds')
      .add({
        communityId: C,
        itemId: 'li-wb',
        holderId: 'user-wb-h',
        requestId: rid(),
        status: 'ready',
        readyUntil: new Date(Date.now() + 86_400_000),
        createdAt: new Date(),
      })
    await db()
      .collection('lending_loans')
      .add({
        communityId: C,
        itemId: 'li-wb',
        holdId: `lh-wb-${rid()}`,
        borrowerId: 'user-wb-b',
        status: 'out',
        // Later today in China, whatever the hour the test runs.
        dueAt: new Date(Math.min(Date.now() + 60_000, chinaToday(new Date()).end.getTime() - 1)),
        pickedAt: new Date(),
      })
    await db()
      .collection('lending_loans')
      .add({
        communityId: C,
        itemId: 'li-wb2',
        holdId: `lh-wb-${rid()}`,
        borrowerId: 'user-wb-b',
        status: 'out',
        dueAt: new Date(Date.now() - 86_400_000),
        pickedAt: new Date(),
      })
    const lend = { lendPickups: 1, lendDue: 1, lendOverdue: 1 }
    const all = {
      overdue: 1,
      hazard: 1,
      new: 2,
      joins: 1,
      disputes: 1,
      topics: 1,
      wishes: 1,
      signups: 1,
      vouchers: 1,
      ...lend,
    }
    const zero = {
      overdue: 0,
      hazard: 0,
      new: 0,
      joins: 0,
      disputes: 0,
      topics: 0,
      wishes: 0,
      signups: 0,
      vouchers: 0,
      lendPickups: 0,
      lendDue: 0,
      lendOverdue: 0,
    }
    expect(diff(await countsOf(WORKER, 'grid_worker'), before.worker)).toEqual(all)
    // The next grid's worker: the community's activity, voucher and 百宝屋, nothing of grid 1.
    expect(diff(await countsOf(XINHUA_02_WORKER, 'grid_worker'), before.other)).toEqual({
      ...zero,
      signups: 1,
      vouchers: 1,
      ...lend,
    })
    expect(diff(await countsOf(LEADER_ZHOU, 'building_leader'), before.leader)).toEqual({ joins: 1 })
    // The community admin: new orders at the community tier only (these are at the grid's).
    expect(diff(await countsOf(XINHUA_ADMIN, 'community_admin'), before.admin)).toEqual({ ...all, new: 0 })
    expect(diff(await countsOf(DONGSHAN_ADMIN, 'community_admin'), before.dongshan)).toEqual(zero)
    expect(diff(await countsOf(STREET_ADMIN, 'street_admin'), before.street)).toEqual({
      overdue: 1,
      hazard: 1,
      new: 0,
    })
  })

  it('opens each count’s list and reads the rates from the grid’s counters, as stats.rates does', async () => {
    const [desk] = await desks(WORKER)
    expect(desk).toMatchObject({ role: 'grid_worker', roleLabel: '网格员' })
    expect(desk.placeName).toMatch(/新华社区/) // the grid's name, not its id
    const urls = Object.fromEntries(desk.counts.map((c: { key: string; url: string }) => [c.key, c.url]))
    expect(urls).toMatchObject({
      overdue: '/features/reports/pages/inbox/index?box=overdue',
      new: '/features/reports/pages/inbox/index?box=new',
      joins: '/features/grid/pages/joins/index',
      disputes: '/features/errands/pages/queue/index',
      vouchers: '/features/market/pages/verify/index',
      topics: `/features/deliberation/pages/index/index?gridId=${XINHUA_01.gridId}`,
      wishes: `/features/wishes/pages/index/index?tab=review&gridId=${XINHUA_01.gridId}`,
      lendPickups: `/features/lending/pages/staff/index?communityId=${XINHUA_01.communityId}&view=pickups`,
      lendDue: `/features/lending/pages/staff/index?communityId=${XINHUA_01.communityId}&view=due`,
      lendOverdue: `/features/lending/pages/staff/index?communityId=${XINHUA_01.communityId}&view=overdue`,
    })
    const grid = ok(await call(WORKER, 'stats.rates', { level: 'grid', id: XINHUA_01.gridId }))
    expect(grid.rates.received).toBeGreaterThan(0) // the reports above were counted
    expect(desk.rates).toEqual({
      responseRate: grid.rates.responseRate,
      resolutionRate: grid.rates.resolutionRate,
      satisfactionRate: grid.rates.satisfactionRate,
    })
    const [admin] = await desks(XINHUA_ADMIN)
    const community = ok(
      await call(XINHUA_ADMIN, 'stats.rates', { level: 'community', id: XINHUA_01.communityId }),
    )
    expect(admin.rates.responseRate).toBe(community.rates.responseRate)
    expect(admin.rates.satisfactionRate).toBe(community.rates.satisfactionRate)
  })

  it('refuses residents, and any place in the input, with clear codes', async () => {
    expect(codeOf(await call(WANG, 'workbench.summary', {}))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await call(WORKER, 'workbench.summary', { communityId: 'cm-dongshan' }))).toBe(
      'INPUT.INVALID',
    )
    expect(codeOf(await call(WORKER, 'workbench.summary', { gridId: 'gr-xinhua-02' }))).toBe('INPUT.INVALID')
  })

  it('the street desk counts the hazard categories its communities added, not only the defaults', async () => {
    const before = (await countsOf(STREET_ADMIN, 'street_admin')).hazard ?? 0
    // 东山社区 adds 燃气异味 as a hazard category of its own; one of its residents reports one.
    await db()
      .collection('order_config')
      .doc('cm-dongshan')
      .set({ categories: [{ id: 'gas_smell', name: '燃气异味', hint: '闻到煤气味', hazard: true }] })
    await db()
      .collection('orders')
      .add({
        reporterId: 'user-wb-dongshan',
        requestId: rid(),
        categoryId: 'gas_smell',
        categoryName: '燃气异味',
        path: { streetId: 'st-dongjie', communityId: 'cm-dongshan', gridId: 'gr-dongshan-01' },
        tier: 'grid',
        status: 'submitted',
        open: true,
        submittedAt: new Date(),
      })
    expect(((await countsOf(STREET_ADMIN, 'street_admin')).hazard ?? 0) - before).toBe(1)
  })
})
