/// <reference lib="dom" />
import path from 'node:path'
import type { Page } from 'playwright-core'
import { useSeededEmulator } from '../support/seeded-emulator'
import { expectAxeClean, pageAs as openPageAs, screenshot, tapButton, useBrowser } from './support/browser'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })
const browser = useBrowser()

// 社区公告, end to end: 新华社区's admin publishes a notice for 第1网格 only; 王秀英 (第1网格) finds it
// in her list and reads it; the admin's page then counts one reader for 第1网格; a resident of
// 第2网格 never sees it.

const ADMIN = 'user-xinhua-admin'
const WANG = 'user-resident-wang'
const TITLE = '1号楼电梯周六检修'
const TEXT = '本周六上午8点至12点，1号楼电梯检修，请走楼梯，给您带来不便敬请谅解。'

const pageAs = (userId: string): Promise<Page> => openPageAs(browser(), emu().url, userId)
const db = () => emu().app.database()

it('notice published → a resident of its grid reads it → the read count rises; another grid never sees it', async () => {
  // A resident of 新华社区第2网格.
  await db()
    .collection('users')
    .add({
      _id: 'user-journey-grid-2',
      openid: 'openid-journey-grid-2',
      displayName: '二网格居民',
      grants: [
        {
          role: 'resident',
          scope: {
            streetId: 'st-dongjie',
            communityId: 'cm-xinhua',
            gridId: 'gr-xinhua-02',
            buildingId: 'bd-xinhua-02-01',
            unitId: 'bd-xinhua-02-01-u1',
            householdId: 'hh-journey-grid-2',
          },
        },
      ],
      createdAt: new Date(),
    })

  const admin = await pageAs(ADMIN)
  await admin.goto('/#/features/notices/pages/edit/index')
  await admin.getByRole('radio', { name: '指定网格' }).first().tap()
  await admin.getByRole('checkbox', { name: '新华社区第1网格' }).first().tap()
  await admin.locator('taro-input-core[aria-label="标题"] input').first().fill(TITLE)
  await admin.locator('taro-textarea-core[aria-label="正文"] textarea').first().fill(TEXT)
  await expectAxeClean(admin)
  await tapButton(admin, '发布公告')
  await admin.getByText('已读 0 人').waitFor()
  await screenshot(admin, 'notice-published')
  const stored = (
    (await db().collection('notices').where({ title: TITLE }).get()).data as {
      _id: string
      gridIds: string[]
    }[]
  )[0]
  expect(stored?.gridIds).toEqual(['gr-xinhua-01'])
  const id = stored?._id ?? ''

  const wang = await pageAs(WANG)
  await wang.goto('/#/features/notices/pages/index/index')
  await wang.getByText(TITLE).first().tap()
  await wang.getByRole('article', { name: TITLE }).getByText(TEXT).waitFor()
  await expectAxeClean(wang)
  await screenshot(wang, 'notice-read')

  const other = await pageAs('user-journey-grid-2')
  await other.goto('/#/features/notices/pages/index/index')
  await other.getByText('65岁以上老人免费体检安排').first().waitFor()
  expect(await other.getByText(TITLE).count()).toBe(0)

  // The admin's page counts her, for 第1网格 (the receipt's count lands through the outbox).
  await admin.goto(`/#/features/notices/pages/detail/index?id=${encodeURIComponent(id)}`)
  for (let i = 0; i < 20; i += 1) {
    await admin.reload()
    if (
      await admin
        .getByText('已读 1 人')
        .first()
        .isVisible()
        .catch(() => false)
    )
      break
    await new Promise((r) => setTimeout(r, 200))
  }
  await admin.getByText('已读 1 人').first().waitFor()
  const row = admin.locator('.notice__reads:visible', { hasText: '新华社区第1网格' }).first()
  await row.getByText('1 人').waitFor()
  await screenshot(admin, 'notice-read-count')
})
