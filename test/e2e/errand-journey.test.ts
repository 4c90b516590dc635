/// <reference lib="dom" />
import path from 'node:path'
import type { Page } from 'playwright-core'
import { useSeededEmulator } from '../support/seeded-emulator'
import {
  expectAxeClean,
  pageAs as openPageAs,
  screenshot,
  tapButton,
  useBrowser,
  toastSays,
} from './support/browser'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })
const browser = useBrowser()

// 党员帮办 · 微互助, end to end: a resident posts 代买米; a party-member helper of the same grid
// accepts, only then sees the address, marks it done; the resident confirms; the helper's love-card
// balance goes up by the errand's points.

const pageAs = (userId: string): Promise<Page> => openPageAs(browser(), emu().url, userId)

async function balanceOf(page: Page): Promise<number> {
  await page.goto('/#/features/points/pages/index/index')
  await page.reload()
  const balance = page.locator('.points__balance:visible', { hasText: /\d+\s*分/ }).first()
  await balance.waitFor()
  const text = (await balance.textContent()) ?? ''
  const n = /(-?\d+)\s*分/.exec(text)?.[1]
  if (n === undefined) throw new Error(`no balance in "${text}"`)
  return Number(n)
}

describe('mutual-aid errand', () => {
  it('post 代买米 → helper accepts and sees the address → done → confirmed → helper’s points go up', async () => {
    const helper = await pageAs('user-helper-liu')
    const before = await balanceOf(helper)

    const resident = await pageAs('user-resident-wang')
    await resident.goto('/#/features/errands/pages/index/index')
    await resident.locator('[role="radio"]:visible', { hasText: '代买米买菜' }).first().tap()
    await resident
      .locator('taro-input-core[aria-label="简单描述"] input')
      .fill('帮忙买一袋 10 斤大米送到家门口')
    await expectAxeClean(resident)
    await screenshot(resident, 'errand-post')
    await tapButton(resident, '发布')
    await resident.getByText('已发布，附近的帮办人在互助大厅即可看到').waitFor()
    const [errand] = (
      await emu().app.database().collection('errands').where({ requesterId: 'user-resident-wang' }).get()
    ).data as { _id: string }[]
    expect(errand).toBeDefined()
    const detailUrl = `/#/features/errands/pages/detail/index?id=${encodeURIComponent(errand?._id ?? '')}`

    // The board shows the errand without any address; accepting opens the detail with it.
    await helper.goto('/#/features/errands/pages/board/index')
    const board = helper.locator('[aria-label="待接单的互助"]:visible')
    await board.waitFor()
    expect(await board.textContent()).not.toContain('302')
    await expectAxeClean(helper)
    await tapButton(helper, '接单：代买米买菜')
    await helper.getByText(/见面地点：.*302/).waitFor()
    await expectAxeClean(helper)
    await screenshot(helper, 'errand-accepted')
    await tapButton(helper, '已办完')
    await toastSays(helper, '已标记完成，等待对方确认')

    await resident.goto(detailUrl)
    await tapButton(resident, '确认完成')
    await toastSays(resident, '已确认完成，感谢邻里互助')

    expect(await balanceOf(helper)).toBe(before + 5)
    await expectAxeClean(helper)
    await screenshot(helper, 'love-card')
  })
})
