/// <reference lib="dom" />
import path from 'node:path'
import type { Page } from 'playwright-core'
import { useSeededEmulator } from '../support/seeded-emulator'
import { expectAxeClean, pageAs as openPageAs, screenshot, tapButton, useBrowser } from './support/browser'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })
const browser = useBrowser()

// 百宝屋, end to end in 新华社区 against the built H5 app and the local CloudBase: 王秀英 reserves the
// 电子血压计 (a 5-point pledge) and is first in line; the grid worker scans (types) its code at the
// desk, ticks both accessories and hands it out — the pledge is held in the ledger; she brings it
// back without its batteries and with a leaking cuff: the worker ticks what came back, records 损坏,
// and the pledge is released, the item goes to maintenance and the community admin is told; the
// admin finds it under 维修中 and puts it back into lending.

const WANG = 'user-resident-wang'
const WORKER = 'user-xinhua-01-worker'
const ADMIN = 'user-xinhua-admin'
const ITEM = 'li-xinhua-bp'
const CODE = 'TQBP2345'

const pageAs = (userId: string): Promise<Page> => openPageAs(browser(), emu().url, userId)
const db = () => emu().app.database()
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any
const docOf = async (collection: string, id: string): Promise<Any> =>
  ((await db().collection(collection).doc(id).get()).data as Any[])[0]
const balance = async (account: string) => ((await docOf('point_accounts', account)) as Any)?.balance ?? 0
async function until<T>(read: () => Promise<T>, ok: (t: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const t = await read()
    if (ok(t)) return t
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`never ${what}`)
}
const field = (page: Page, label: string) =>
  page.locator(`taro-input-core[aria-label="${label}"] input`).first()
const area = (page: Page, label: string) =>
  page.locator(`taro-textarea-core[aria-label="${label}"] textarea`).first()

async function atDesk(worker: Page): Promise<void> {
  await worker.goto('/#/features/lending/pages/desk/index')
  await field(worker, '物品码').fill(CODE.toLowerCase())
  await tapButton(worker, '查找')
  await worker.getByRole('region', { name: '电子血压计' }).waitFor()
}

describe('tool lending', () => {
  it('reserved → picked up (pledge held) → returned damaged (pledge released) → maintenance → back in lending', async () => {
    const before = await balance(`u:${WANG}`)
    expect(before).toBeGreaterThanOrEqual(5)

    // 1. 王秀英 reserves: the item is free and she is first, so her pickup window starts at once.
    const wang = await pageAs(WANG)
    await wang.goto(`/#/features/lending/pages/item/index?id=${ITEM}`)
    await wang.getByText('押分 5（归还后退回）').waitFor()
    await expectAxeClean(wang)
    await tapButton(wang, '预约借用')
    await wang.getByText(/已轮到您，请在 .* 前到党群服务中心一楼服务台取用/).waitFor()
    await screenshot(wang, 'lending-reserved')

    // 2. Pickup at the desk: the code typed, both accessories ticked.
    const worker = await pageAs(WORKER)
    await atDesk(worker)
    await worker.getByText(/取用：王秀英/).waitFor()
    await worker.getByRole('checkbox', { name: '袖带' }).tap()
    await worker.getByRole('checkbox', { name: '电池' }).tap()
    await expectAxeClean(worker)
    await tapButton(worker, '确认取用')
    await worker.getByText('取用已登记').waitFor()
    const loan = await until(
      async () => ((await db().collection('lending_loans').where({ itemId: ITEM }).get()).data as Any[])[0],
      (l) => l?.status === 'out',
      'lent',
    )
    expect(loan).toMatchObject({ borrowerId: WANG, accessoriesOut: ['袖带', '电池'], pledge: 'held' })
    expect(await balance(`u:${WANG}`)).toBe(before - 5)
    expect(await balance('pledge:cm-xinhua')).toBe(5)

    // 3. Return: the batteries missing, the cuff leaking — 损坏; the pledge released.
    await atDesk(worker)
    await worker.getByText(/归还：王秀英/).waitFor()
    await worker.getByRole('checkbox', { name: '袖带' }).tap()
    await worker.getByRole('radio', { name: '损坏' }).tap()
    await area(worker, '说明').fill('袖带漏气，电池没有还回')
    await worker.getByText(/会转入维修/).waitFor()
    await expectAxeClean(worker)
    await tapButton(worker, '确认归还')
    await worker.getByText('归还已登记').waitFor()
    await worker.getByText('押分 5 已退回').waitFor()
    await screenshot(worker, 'lending-returned-damaged')
    expect(await balance(`u:${WANG}`)).toBe(before)
    expect(await balance('pledge:cm-xinhua')).toBe(0)
    expect((await docOf('lending_items', ITEM)).status).toBe('maintenance')
    const told = await until(
      async () => (await db().collection('notifications').where({ sourceId: loan._id }).get()).data as Any[],
      (n) => n.some((x) => x.recipientId === ADMIN),
      'told the community admin',
    )
    expect(told.map((n) => n.recipientId)).toEqual(expect.arrayContaining([ADMIN, WANG]))

    // 4. 王秀英's loan reads returned; the admin finds the item under 维修中 and puts it back.
    await wang.goto(`/#/features/lending/pages/loan/index?id=${loan._id}`)
    await wang.getByText('已归还').first().waitFor()
    await wang.getByText('说明：袖带漏气，电池没有还回').waitFor()
    await expectAxeClean(wang)
    const admin = await pageAs(ADMIN)
    await admin.goto('/#/features/lending/pages/staff/index?communityId=cm-xinhua&view=maintenance')
    await admin.getByText('电子血压计').first().tap()
    await tapButton(admin, '修好了，恢复借用')
    await admin.getByText('可借', { exact: true }).first().waitFor()
    await expectAxeClean(admin)
    expect((await docOf('lending_items', ITEM)).status).toBe('available')
  })
})
