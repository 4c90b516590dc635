/// <reference lib="dom" />
import path from 'node:path'
import type { Page } from 'playwright-core'
import { useSeededEmulator } from '../support/seeded-emulator'
import {
  cameraPhoto,
  expectAxeClean,
  pageAs as openPageAs,
  screenshot,
  tapButton,
  useBrowser,
} from './support/browser'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })
const browser = useBrowser()

// 微心愿, end to end in 新华社区第1网格: 陈桂兰 wishes for a hot-water bottle from the home page; the
// grid worker checks it and publishes an anonymised, numbered card at building level with 10
// points; 刘志强, a party-member helper, finds it on the wall (no name, no room), claims it and
// sees her contact; he brings it and uploads a photo; she confirms with a word of thanks, her
// surname only: the story is on the wall and his love card has 10 more points.

const CHEN = 'user-resident-chen'
const WORKER = 'user-xinhua-01-worker'
const LIU = 'user-helper-liu'
const TITLE = '一个暖水袋'

const pageAs = (userId: string): Promise<Page> => openPageAs(browser(), emu().url, userId)
const db = () => emu().app.database()
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

async function wishDoc(): Promise<Any> {
  return ((await db().collection('wishes').where({ title: TITLE }).get()).data as Any[])[0]
}
async function until(ok: (w: Any) => boolean, what: string): Promise<Any> {
  for (let i = 0; i < 100; i += 1) {
    const w = await wishDoc()
    if (w && ok(w)) return w
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`the wish never ${what}`)
}
const balance = async (account: string) =>
  ((await db().collection('point_accounts').doc(account).get()).data as Any[])[0]?.balance ?? 0
const detailUrl = (id: string) => `/#/features/wishes/pages/detail/index?id=${encodeURIComponent(id)}`
const field = (page: Page, label: string) =>
  page.locator(`taro-input-core[aria-label="${label}"] input`).first()
/** The wish's status as the visible page shows it (pages left in Taro's stack stay in the DOM, hidden). */
const status = (page: Page, text: string) => page.locator('.wish-status:visible', { hasText: text }).first()
const area = (page: Page, label: string) =>
  page.locator(`taro-textarea-core[aria-label="${label}"] textarea`).first()

describe('微心愿: posted → published → claimed → fulfilled → confirmed → points', () => {
  it('runs end to end in the browser, as each person', async () => {
    // 陈桂兰 posts from the home page's tile.
    const chen = await pageAs(CHEN)
    await chen.goto('/#/pages/home/index')
    await chen
      .getByRole('button', { name: /心愿墙/ })
      .first()
      .tap()
    await tapButton(chen, '许个心愿')
    await field(chen, '心愿').fill(TITLE)
    await area(chen, '说明').fill('冬天夜里脚冷，老伴想要一个暖水袋，家里的漏了。')
    await expectAxeClean(chen)
    await screenshot(chen, 'wish-post')
    await tapButton(chen, '提交心愿')
    await status(chen, '待核实').waitFor()
    const posted = await until((w) => w.status === 'pending', 'was stored')
    expect(posted.ownerId).toBe(CHEN)

    // The grid worker finds it waiting, checks it and publishes the card.
    const worker = await pageAs(WORKER)
    await worker.goto('/#/features/wishes/pages/index/index?tab=review&gridId=gr-xinhua-01')
    await worker.getByText(TITLE).first().tap()
    await tapButton(worker, '核实公示')
    await worker.getByRole('radio', { name: '显示到楼栋' }).tap()
    await area(worker, '公示内容').fill('一户老人家想要一个暖水袋，冬天夜里暖脚用。')
    await expectAxeClean(worker)
    await screenshot(worker, 'wish-publish')
    await tapButton(worker, '核实并公示')
    await status(worker, '待认领').waitFor()
    const published = await until((w) => w.status === 'published', 'was published')
    expect(published.no).toMatch(/^\d{4}-\d{3}$/)

    // 刘志强 finds the card on the wall: its number and building, no name, no room.
    const before = await balance(`u:${LIU}`)
    const liu = await pageAs(LIU)
    await liu.goto('/#/features/wishes/pages/index/index')
    const cardLink = liu.getByRole('link', { name: new RegExp(TITLE) }).first()
    await cardLink.waitFor()
    expect(await cardLink.textContent()).not.toContain('陈桂兰')
    await cardLink.tap()
    // On the detail page (the wall's card, with the same text, stays hidden in the page stack).
    await liu
      .getByRole('main', { name: '心愿详情' })
      .getByText('一户老人家想要一个暖水袋，冬天夜里暖脚用。')
      .waitFor()
    await expectAxeClean(liu)
    await tapButton(liu, '我来认领')
    await tapButton(liu, '确认认领')
    const contact = liu.getByRole('region', { name: '联系方式' })
    await contact.waitFor()
    expect(await contact.textContent()).toContain('陈桂兰 · 2号楼1单元101室')
    await screenshot(liu, 'wish-claimed')

    // He brings it and sends a photo.
    await tapButton(liu, '心愿已实现')
    const [chooser] = await Promise.all([liu.waitForEvent('filechooser'), tapButton(liu, '添加照片')])
    await chooser.setFiles({ name: 'done.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(liu) })
    await liu.locator('[aria-label="第 1 张照片"]').first().waitFor()
    await area(liu, '说明').fill('暖水袋已送到陈阿姨家')
    await tapButton(liu, '提交')
    await status(liu, '待确认').waitFor()
    const fulfilled = await until((w) => w.status === 'fulfilled', 'was fulfilled')
    expect(fulfilled.fulfil.photos[0]).toContain(`wishes/${LIU}/${fulfilled._id}/1.jpg`)

    // 陈桂兰 confirms, thanks him, and shows her surname only.
    await chen.goto(detailUrl(fulfilled._id))
    await chen.getByRole('region', { name: '实现情况' }).waitFor()
    await tapButton(chen, '确认已实现')
    await area(chen, '感谢的话').fill('谢谢小刘，晚上睡得暖和了！')
    await chen.getByRole('radio', { name: /只显示姓氏/ }).tap()
    await tapButton(chen, '确认已实现')
    const story = chen.getByRole('region', { name: '心愿故事' })
    await story.waitFor()
    expect(await story.textContent()).toContain('刘**帮陈**实现了“一个暖水袋”。')
    await expectAxeClean(chen)
    await screenshot(chen, 'wish-story')
    await until((w) => w.status === 'closed', 'was closed')
    expect((await balance(`u:${LIU}`)) - before).toBe(10)

    // A neighbour sees the story on the wall under 已实现.
    const li = await pageAs('user-resident-li')
    await li.goto('/#/features/wishes/pages/index/index?tab=done')
    await li.getByText('谢谢小刘，晚上睡得暖和了！').first().waitFor()
    await expectAxeClean(li)
    await screenshot(li, 'wish-wall-done')
  })
})
