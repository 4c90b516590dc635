/**
 * The dashboards through the built `api` function in the local CloudBase (real node-sdk): orders
 * filed, moved and dispatched through the one outbox land in the day buckets exactly once; each
 * admin sees their own scope only; bad periods are refused; a street's thousand-plus buckets are
 * read page by page.
 */
import { chinaDay } from '../../src/core/china-time'
import { SeedIds } from '../../emulator/seed/demo-data'
import { activityInput, awardPoints, isoInMin, ok, requestIds } from '../support/api-test'
import { mondayOf } from '../../src/core/dashboard/period'
import {
  CHEN,
  DONGSHAN_ADMIN,
  LIU,
  STREET_ADMIN,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN,
} from '../support/demo-people'
import { call, db, submit, sweep } from './orders/harness'

const week = { communityId: 'cm-xinhua', period: 'week' }
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any
const grid1 = (view: Any) => view.league.find((r: Any) => r.id === 'gr-xinhua-01')
const count = (rows: Any[], key: string) => rows.find((r) => r.key === key)?.count ?? 0

describe('dashboards through the built api function', () => {
  it('counts the week’s orders once each: received, replied, rated, by category, status and tier', async () => {
    const before = (await call(XINHUA_ADMIN, 'dashboard.community', week)).data
    expect(before.level).toBe('community')
    expect(before.name).toBe('新华社区')
    expect(before.league).toHaveLength(6) // every grid of 新华, with orders or not

    const done = await submit(WANG, { category: 'street_light' })
    const late = await submit(WANG, { category: 'noise', text: '楼上每晚装修到十一点，影响休息' })
    expect((await call(WORKER, 'order.accept', { orderId: done })).ok).toBe(true)
    expect(
      (await call(WORKER, 'order.reply', { orderId: done, outcome: 'handled', text: '路灯已修好' })).ok,
    ).toBe(true)
    expect((await call(WANG, 'order.rate', { orderId: done, rating: 'satisfied' })).ok).toBe(true)
    expect((await call(WORKER, 'order.accept', { orderId: late })).ok).toBe(true)
    expect((await call(WORKER, 'order.escalate', { orderId: late, reason: '需要社区协调物业' })).ok).toBe(
      true,
    )
    // The timer carries out whatever the nudges left; a second run finds nothing owed.
    await sweep(new Date(Date.now() + 60_000))
    await sweep(new Date(Date.now() + 120_000))

    const after = (await call(XINHUA_ADMIN, 'dashboard.community', week)).data
    const d = (f: (v: Any) => number) => f(after) - f(before)
    expect(d((v) => v.rates.received)).toBe(2)
    expect(d((v) => v.rates.resolved)).toBe(1)
    expect(d((v) => v.rates.rated)).toBe(1)
    expect(d((v) => count(v.byCategory, 'street_light'))).toBe(1)
    expect(d((v) => count(v.byCategory, 'noise'))).toBe(1)
    expect(d((v) => count(v.byStatus, 'closed'))).toBe(1)
    expect(d((v) => count(v.byStatus, 'submitted'))).toBe(1) // waiting again, at the community
    expect(d((v) => count(v.funnel, 'grid'))).toBe(2)
    expect(d((v) => count(v.funnel, 'community'))).toBe(1)
    expect(d((v) => grid1(v).rates.received)).toBe(2)
    const thisWeek = (v: Any) => v.trend.find((w: Any) => w.from === mondayOf(chinaDay(new Date())))
    expect(d((v) => thisWeek(v).received)).toBe(2)
    expect(d((v) => thisWeek(v).answered)).toBe(1)

    // The stored buckets hold exactly these: one document per grid and day.
    const today = chinaDay(new Date())
    const bucket = ((await db().collection('day_stats').doc(`gr-xinhua-01:${today}`).get()).data as Any[])[0]
    expect(bucket).toMatchObject({
      gridId: 'gr-xinhua-01',
      communityId: 'cm-xinhua',
      streetId: 'st-dongjie',
      day: today,
    })
  })

  it('counts helpers and volunteers: errands, attendance and hours, distinct helpers, points issued and spent', async () => {
    const rid = requestIds('dash')
    const range = {
      communityId: 'cm-xinhua',
      period: 'custom',
      from: chinaDay(new Date(), -6),
      to: chinaDay(new Date()),
    }
    const before = (await call(XINHUA_ADMIN, 'dashboard.community', range)).data.helpers
    expect(before).toMatchObject({ errandsPosted: 0, attendances: 0, activeHelpers: 0 })

    // 刘志强 runs an errand for 王秀英 (5 points from the issuance account).
    const errandId = ok(
      await call(WANG, 'errand.post', {
        requestId: rid(),
        type: 'groceries',
        text: '帮忙买一袋大米',
        windowStart: isoInMin(10),
        windowEnd: isoInMin(130),
      }),
    ).errandId
    ok(await call(LIU, 'errand.accept', { errandId }))
    ok(await call(LIU, 'errand.done', { errandId }))
    const paid = ok(await call(WANG, 'errand.confirm', { errandId }))

    // 陈桂兰 and 刘志强 serve at an activity that began half an hour ago: 2.5 hours, 10 points each.
    const activityId = ok(
      await call(
        XINHUA_ADMIN,
        'activity.publish',
        activityInput(rid(), { startAt: isoInMin(60), endAt: isoInMin(210) }),
      ),
    ).activityId
    for (const r of [CHEN, LIU]) ok(await call(r, 'activity.signup', { activityId }))
    await db()
      .collection('activities')
      .doc(activityId)
      .update({ startAt: isoInMin(-30), endAt: isoInMin(120) })
    const { code } = ok(await call(WORKER, 'activity.checkinCode', { activityId }))
    for (const r of [CHEN, LIU]) ok(await call(r, 'activity.checkin', { code }))
    ok(
      await call(XINHUA_ADMIN, 'activity.confirm', {
        activityId,
        userIds: ['user-resident-chen', 'user-helper-liu'],
      }),
    )

    // 王秀英 is awarded 30 points and spends 20 on a haircut.
    await awardPoints(call, 'user-resident-wang', 30, '清扫楼道', rid())
    ok(await call(WANG, 'market.redeem', { itemId: SeedIds.items.haircut, requestId: rid() }))

    await sweep(new Date(Date.now() + 60_000))
    await sweep(new Date(Date.now() + 120_000))
    const after = (await call(XINHUA_ADMIN, 'dashboard.community', range)).data.helpers
    expect(after).toEqual({
      errandsPosted: 1,
      errandsAccepted: 1,
      errandsConfirmed: 1,
      // Held on its day: the publish counted the day it was set for (in an hour; tomorrow near midnight).
      activitiesHeld: chinaDay(new Date(Date.now() + 3_600_000)) <= range.to ? 1 : 0,
      attendances: 2,
      volunteerHours: 5,
      activeHelpers: 2, // 刘志强 (errand and activity) and 陈桂兰
      pointsIssued: paid.points + 2 * 10 + 30,
      pointsSpent: 20,
    })
  })

  it('counts the deliberation of the period: a topic raised today, through its outbox', async () => {
    const range = {
      communityId: 'cm-xinhua',
      period: 'custom',
      from: chinaDay(new Date(), -6),
      to: chinaDay(new Date()),
    }
    const before = (await call(XINHUA_ADMIN, 'dashboard.community', range)).data.deliberation
    ok(
      await call(WANG, 'topic.propose', {
        requestId: requestIds('topic')(),
        title: '在3号楼旁安装充电桩',
        text: '飞线充电太危险，希望集中安装充电桩',
      }),
    )
    await sweep(new Date(Date.now() + 60_000))
    const after = (await call(XINHUA_ADMIN, 'dashboard.community', range)).data.deliberation
    expect(after.topicsRaised).toBe(before.topicsRaised + 1)
    expect(after.topicsDecided).toBe(before.topicsDecided)
  })

  it('the street admin sees the street, every community’s grids, and each community', async () => {
    const street = await call(STREET_ADMIN, 'dashboard.street', { streetId: 'st-dongjie', period: 'month' })
    expect(street.ok).toBe(true)
    expect(street.data.level).toBe('street')
    expect(street.data.league.length).toBe(36)
    expect(new Set(street.data.league.map((r: Any) => r.community)).size).toBe(6)
    expect((await call(STREET_ADMIN, 'dashboard.community', { ...week, period: 'quarter' })).ok).toBe(true)
  })

  it('a grid’s dashboard: its grid worker and the admins over it, its own buckets only', async () => {
    const grid = { gridId: 'gr-xinhua-01', period: 'quarter' }
    const mine = await call(WORKER, 'dashboard.grid', grid)
    expect(mine.ok).toBe(true)
    expect(mine.data).toMatchObject({ level: 'grid', id: 'gr-xinhua-01', name: '新华社区第1网格' })
    expect(mine.data.league.map((r: Any) => r.id)).toEqual(['gr-xinhua-01'])
    const community = (
      await call(XINHUA_ADMIN, 'dashboard.community', { communityId: 'cm-xinhua', period: 'quarter' })
    ).data
    // The grid's figures are its league row's on the community's dashboard; a community's own
    // things (activities, points) belong to no grid.
    expect(mine.data.rates).toEqual(grid1(community).rates)
    expect(mine.data.helpers.attendances).toBe(0)
    expect((await call(XINHUA_ADMIN, 'dashboard.grid', grid)).ok).toBe(true)
    expect((await call(STREET_ADMIN, 'dashboard.grid', grid)).ok).toBe(true)
    const refused = async (openid: string, input: object) =>
      (await call(openid, 'dashboard.grid', input)).error?.code
    expect(await refused(WORKER, { ...grid, gridId: 'gr-xinhua-02' })).toBe('AUTH.FORBIDDEN')
    expect(await refused(DONGSHAN_ADMIN, grid)).toBe('AUTH.FORBIDDEN')
    expect(await refused(WANG, grid)).toBe('AUTH.FORBIDDEN')
    expect(await refused(WORKER, { ...grid, gridId: 'gr-nowhere' })).toBe('DATA.NOT_FOUND')
  })

  it('refuses anyone outside the scope, unknown places and bad periods, with clear codes', async () => {
    const code = async (openid: string, action: string, input: object) =>
      (await call(openid, action, input)).error?.code ?? 'OK'
    expect(await code(DONGSHAN_ADMIN, 'dashboard.community', week)).toBe('AUTH.FORBIDDEN')
    expect(await code(XINHUA_ADMIN, 'dashboard.street', { streetId: 'st-dongjie', period: 'week' })).toBe(
      'AUTH.FORBIDDEN',
    )
    expect(await code(WORKER, 'dashboard.community', week)).toBe('AUTH.FORBIDDEN')
    expect(await code(WANG, 'dashboard.community', week)).toBe('AUTH.FORBIDDEN')
    expect(await code(XINHUA_ADMIN, 'dashboard.community', { ...week, communityId: 'cm-nowhere' })).toBe(
      'DATA.NOT_FOUND',
    )
    const custom = (from: string, to: string) => ({ ...week, period: 'custom', from, to })
    expect(await code(XINHUA_ADMIN, 'dashboard.community', custom('2026-11-30', '2026-11-01'))).toBe(
      'DASHBOARD.BAD_PERIOD',
    )
    expect(await code(XINHUA_ADMIN, 'dashboard.community', custom('2020-01-01', '2026-11-01'))).toBe(
      'DASHBOARD.BAD_PERIOD',
    )
    expect(await code(XINHUA_ADMIN, 'dashboard.community', { ...week, period: 'year' })).toBe('INPUT.INVALID')
    expect(await code(XINHUA_ADMIN, 'dashboard.community', { ...week, extra: 1 })).toBe('INPUT.INVALID')
  })

  it('reads a street’s 1,116 day buckets page by page (36 grids × 31 days) and sums them all', async () => {
    const grids = (await db().collection('grids').where({ streetId: 'st-dongjie' }).limit(100).get())
      .data as Any[]
    expect(grids).toHaveLength(36)
    const days = Array.from({ length: 31 }, (_, i) => `2025-01-${String(i + 1).padStart(2, '0')}`)
    const docs = grids.flatMap((g) =>
      days.map((day) => ({
        _id: `${g._id}:${day}`,
        gridId: g._id,
        communityId: g.communityId,
        streetId: 'st-dongjie',
        day,
        o: { received: 2, accepted: 2, acceptedOnTime: 1, cat: { noise: 2 } },
      })),
    )
    for (let i = 0; i < docs.length; i += 200)
      await db()
        .collection('day_stats')
        .add(docs.slice(i, i + 200))
    const res = await call(STREET_ADMIN, 'dashboard.street', {
      streetId: 'st-dongjie',
      period: 'custom',
      from: '2025-01-01',
      to: '2025-01-31',
    })
    expect(res.ok).toBe(true)
    expect(res.data.rates.received).toBe(2 * 1116)
    expect(res.data.rates.responseRate).toBe(0.5)
    expect(count(res.data.byCategory, 'noise')).toBe(2 * 1116)
    expect(res.data.league.every((r: Any) => r.rates.received === 62)).toBe(true)
  })
})
