/// <reference lib="dom" />
import crypto from 'node:crypto'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { apiCaller, useSeededEmulator } from '../support/seeded-emulator'
import { expectAxeClean, pageAs as openPageAs, screenshot, tapButton, useBrowser } from './support/browser'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })
const browser = useBrowser()
const call = apiCaller(emu)

// 爱心卡, end to end: a resident of 新华社区 signs up for a volunteer activity, checks in with the
// on-site code the grid worker shows, the worker confirms attendance, the love-card balance rises,
// the resident redeems 洗衣液 in the love supermarket, and the worker verifies the voucher at pickup.

const RESIDENT = 'user-resident-wang'
const WORKER = 'user-xinhua-01-worker'
const POINTS = 20

const pageAs = (userId: string): Promise<Page> => openPageAs(browser(), emu().url, userId)

async function balanceOf(page: Page): Promise<number> {
  await page.goto('/#/features/points/pages/index/index')
  await page.reload()
  const balance = page.locator('.points__balance:visible', { hasText: /\d+\s*分/ }).first()
  await balance.waitFor()
  const n = /(-?\d+)\s*分/.exec((await balance.textContent()) ?? '')?.[1]
  if (n === undefined) throw new Error('no balance on the love card')
  return Number(n)
}

/** An activity of 新华社区 starting in 10 minutes: its check-in window (from 30 min before) is open now. */
async function publishActivity(): Promise<string> {
  const start = new Date(Date.now() + 10 * 60_000)
  const res = await call('demo-openid-xinhua-admin', 'activity.publish', {
    requestId: crypto.randomUUID(),
    communityId: 'cm-xinhua',
    title: '垃圾分类宣传',
    team: '彩虹桥·环境守护队',
    description: '在小区门口向居民讲解垃圾分类，发放宣传页。',
    place: '新华社区东门',
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    capacity: 10,
    points: POINTS,
  })
  if (!res.ok) throw new Error(`publish failed: ${JSON.stringify(res)}`)
  return (res.data as { activityId: string }).activityId
}

describe('love card', () => {
  it('sign up → check in with the on-site code → staff confirm → balance rises → redeem → staff verify the voucher', async () => {
    const activityId = await publishActivity()
    const resident = await pageAs(RESIDENT)
    const before = await balanceOf(resident)

    // Sign up from the activities list.
    await resident.goto('/#/features/activities/pages/index/index')
    await resident.locator('.card:visible', { hasText: '垃圾分类宣传' }).first().tap()
    await tapButton(resident, '我要报名')
    await resident.locator('[aria-label="我的报名"]:visible', { hasText: '已报名' }).waitFor()
    await expectAxeClean(resident)
    await screenshot(resident, 'activity-signed-up')

    // The grid worker opens the check-in code on site.
    const worker = await pageAs(WORKER)
    await worker.goto(
      `/#/features/activities/pages/manage/index?activityId=${encodeURIComponent(activityId)}`,
    )
    const codeText = worker.locator('.activity__code:visible').first()
    await codeText.waitFor()
    const code = ((await codeText.textContent()) ?? '').trim()
    expect(code).toMatch(/^[0-9A-Z]{6}$/)
    await worker.locator('img[alt$="签到码"]:visible').first().waitFor()
    await expectAxeClean(worker)
    await screenshot(worker, 'activity-checkin-code')

    // The resident scans it: WeChat opens the check-in page with the code's scene.
    await resident.goto(`/#/features/activities/pages/checkin/index?scene=${encodeURIComponent(`c=${code}`)}`)
    await resident.locator('.activity__status:visible', { hasText: '签到成功' }).waitFor()
    await expectAxeClean(resident)

    // The worker confirms attendance; points are paid once.
    await worker.reload()
    await tapButton(worker, '全选已签到')
    await tapButton(worker, '确认出勤并发放积分')
    await worker.locator('[aria-label="确认结果"]:visible').waitFor()
    await expectAxeClean(worker)
    const after = await balanceOf(resident)
    expect(after).toBe(before + POINTS)
    await resident.locator('[aria-label="积分明细"]:visible', { hasText: '志愿活动：垃圾分类宣传' }).waitFor()

    // The resident redeems 洗衣液 (30 分) in the love supermarket.
    await resident.goto('/#/features/market/pages/index/index')
    await resident.locator('taro-button-core[aria-label="兑换洗衣液"]:visible').first().tap()
    await tapButton(resident, '确认兑换')
    await resident.locator('[role="status"]:visible', { hasText: '兑换成功' }).waitFor()
    const spoken =
      (await resident.locator('.voucher__code-box:visible').first().getAttribute('aria-label')) ?? ''
    const voucherCode = spoken.replace(/^兑换码/, '').replace(/\s+/g, '')
    expect(voucherCode).toMatch(/^[0-9A-Z]{8}$/)
    await expectAxeClean(resident)
    await screenshot(resident, 'market-voucher')
    expect(await balanceOf(resident)).toBe(after - 30)

    // At pickup the worker types the code, sees whose it is, and verifies it.
    await worker.goto('/#/features/market/pages/verify/index')
    await worker.locator('taro-input-core[aria-label="兑换码"] input').fill(voucherCode.toLowerCase())
    await tapButton(worker, '查询兑换券')
    await worker.locator('.voucher:visible', { hasText: '王秀英' }).waitFor()
    await tapButton(worker, '确认核销')
    await worker.locator('[role="status"]:visible', { hasText: '核销成功' }).waitFor()
    await expectAxeClean(worker)
    await screenshot(worker, 'market-verified')

    // The resident's voucher now reads 已领取; verifying it again is refused.
    await resident.goto('/#/features/market/pages/vouchers/index')
    await resident.locator('[aria-label="洗衣液，已领取"]:visible').first().waitFor()
    await tapButton(worker, '核销下一张')
    await worker.locator('taro-input-core[aria-label="兑换码"] input').fill(voucherCode)
    await tapButton(worker, '查询兑换券')
    await worker.locator('[role="alert"]:visible', { hasText: '这张兑换券已经领取过了' }).waitFor()
  })
})
