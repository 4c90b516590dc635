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

// 五步议事, end to end in 新华社区第1网格 (8 households): the community admin sets the support share
// to 30% (3 households); 王秀英 proposes "在3号楼旁安装充电桩"; 李德明 and 陈桂兰 support it until it is
// on the agenda; the grid worker schedules a meeting and closes it with minutes and two options;
// the vote opens from those options; three residents vote in the app, the worker enters two paper
// ballots and one proxy ballot; the result is published; the worker carries it out with a work
// order, which is accepted and replied 当场办; the timer opens the evaluation; residents rate it; the
// timer closes it: 已办结.

const WANG = 'user-resident-wang'
const LI = 'user-resident-li'
const CHEN = 'user-resident-chen'
const ZHAO = 'user-resident-zhao'
const WORKER = 'user-xinhua-01-worker'
const ADMIN = 'user-xinhua-admin'
const TITLE = '在3号楼旁安装充电桩'
const OPTIONS = ['3号楼东侧空地', '5号楼北侧车棚']

const pageAs = (userId: string): Promise<Page> => openPageAs(browser(), emu().url, userId)
const db = () => emu().app.database()
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

async function topicDoc(): Promise<Any> {
  const res = await db().collection('topics').where({ title: TITLE }).get()
  return (res.data as Any[])[0]
}
/** Waits until the stored topic satisfies `ok` (the app's writes land a moment after the tap). */
async function until(ok: (t: Any) => boolean, what: string): Promise<Any> {
  for (let i = 0; i < 100; i += 1) {
    const t = await topicDoc()
    if (t && ok(t)) return t
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`the topic never ${what}`)
}
const sweep = () => emu().invoke('sweep', { now: new Date().toISOString() })
const topicUrl = (id: string) => `/#/features/deliberation/pages/topic/index?id=${encodeURIComponent(id)}`
const field = (page: Page | ReturnType<Page['locator']>, label: string) =>
  page.locator(`taro-input-core[aria-label="${label}"] input`).first()
const area = (page: Page | ReturnType<Page['locator']>, label: string) =>
  page.locator(`taro-textarea-core[aria-label="${label}"] textarea`).first()
const radio = (page: Page | ReturnType<Page['locator']>, name: string | RegExp) =>
  page.getByRole('radio', { name }).first()

/** A household supports the topic; the one that reaches the threshold sees it put on the agenda. */
async function support(userId: string, topicId: string, last = false): Promise<void> {
  const page = await pageAs(userId)
  await page.goto(topicUrl(topicId))
  await tapButton(page, '支持这个议题')
  if (last) await page.getByText('已立项', { exact: true }).waitFor()
  else await page.getByText(/（您家已支持）/).waitFor()
}

async function voteFor(userId: string, topicId: string, option: string): Promise<void> {
  const page = await pageAs(userId)
  await page.goto(topicUrl(topicId))
  await page.getByRole('group', { name: '投票' }).waitFor()
  await tapButton(page, option)
  await page.getByText(new RegExp(`您家已投：${option}`)).waitFor()
}

/** Staff enter a paper or proxy ballot for the household at building · unit · room. */
async function enter(
  worker: Page,
  how: 'paper' | 'proxy',
  building: string,
  unit: string,
  room: string,
  option: string,
) {
  await tapButton(worker, '录入纸质票或代投')
  const form = worker.getByRole('form', { name: '录入纸质票或代投' })
  await form.waitFor()
  await radio(form, how === 'paper' ? /纸质票/ : /代投（居民本人同意）/).tap()
  await radio(form, building).tap()
  await radio(form, unit).tap()
  await field(form, '房号').fill(room)
  await radio(form, option).tap()
  if (how === 'proxy') await radio(form, /居民本人同意，由我代为投票/).tap()
  await tapButton(form, '录入')
  await form.waitFor({ state: 'detached' })
}

describe('five-step deliberation', () => {
  it('propose → supported onto the agenda → meeting → vote (app, paper, proxy) → carried out → rated → closed', async () => {
    // 0. The community admin asks 30% of the households to support a topic (3 of the grid's 8).
    const admin = await pageAs(ADMIN)
    await admin.goto('/#/features/deliberation/pages/settings/index?communityId=cm-xinhua')
    await field(admin, '立项所需支持户数比例（%）').fill('30')
    await expectAxeClean(admin)
    await tapButton(admin, '保存')
    await admin.getByText('已保存').waitFor()

    // 1. 民事民提: 王秀英 proposes; her household is the first supporter.
    const wang = await pageAs(WANG)
    await wang.goto('/#/features/deliberation/pages/propose/index')
    await field(wang, '议题标题').fill(TITLE)
    await area(wang, '说明').fill('楼道里飞线充电太危险，希望在3号楼旁集中安装电动车充电桩。')
    await expectAxeClean(wang)
    await tapButton(wang, '提交议题')
    await wang.getByText(/已有 1 户支持，本网格 8 户中 3 户支持即可立项/).waitFor()
    const proposed = await topicDoc()
    expect(proposed).toMatchObject({ status: 'proposed', threshold: 3 })
    await screenshot(wang, 'deliberation-proposed')

    // 2. 确定议题: two more households support it; the third puts it on the agenda.
    await support(LI, proposed._id)
    await support(CHEN, proposed._id, true)
    await until((t) => t.status === 'confirmed', 'was put on the agenda')

    // 3. 民议: a neighbour comments; the grid worker schedules the meeting and closes it with minutes.
    const li = await pageAs(LI)
    await li.goto(topicUrl(proposed._id))
    await area(li, '评论内容').fill('支持！建议装在东侧空地，离楼道远一点。')
    await tapButton(li, '发表')
    await li.getByText('支持！建议装在东侧空地，离楼道远一点。').waitFor()

    const worker = await pageAs(WORKER)
    await worker.goto(topicUrl(proposed._id))
    await tapButton(worker, '安排议事会')
    await field(worker, '会议地点').fill('社区党群服务中心二楼')
    await tapButton(worker, '安排并通知居民')
    await worker.getByRole('region', { name: '会议' }).waitFor()
    // The meeting was tomorrow evening: move it to an hour ago, as if it took place.
    const [meeting] = (await db().collection('topic_meetings').where({ topicId: proposed._id }).get())
      .data as Any[]
    await db()
      .collection('topic_meetings')
      .doc(meeting._id)
      .update({ startsAt: new Date(Date.now() - 3_600_000) })
    await worker.reload()
    await tapButton(worker, '关闭会议')
    const close = worker.getByRole('form', { name: '关闭会议' })
    await area(close, '会议纪要').fill('到会居民一致同意安装充电桩，位置在东侧空地和北侧车棚之间投票决定。')
    await field(close, '参会户数').fill('6')
    await field(close, '参会人数').fill('9')
    for (const [i, o] of OPTIONS.entries()) {
      await tapButton(close, '添加选项')
      await field(close, `选项${i + 1}`).fill(o)
    }
    await expectAxeClean(worker)
    await tapButton(close, '提交纪要，关闭会议')
    await worker.getByText('已召开').first().waitFor()

    // 4. 民决: the vote starts from the meeting's options; 居民会议 rule; it opens a minute later
    //    (moved to now here).
    await worker.goto(topicUrl(proposed._id))
    await tapButton(worker, '发起每户投票')
    await worker.getByText(/议事会形成的方案填好/).waitFor()
    await tapButton(worker, '发起投票')
    await until((t) => t.status === 'voting', 'opened its vote')
    await db()
      .collection('topics')
      .doc(proposed._id)
      .update({ 'vote.opensAt': new Date(Date.now() - 1000) })
    await voteFor(WANG, proposed._id, OPTIONS[0] as string)
    await voteFor(LI, proposed._id, OPTIONS[0] as string)
    await voteFor(ZHAO, proposed._id, OPTIONS[1] as string)
    await worker.reload()
    await enter(worker, 'paper', '2号楼', '2单元', '402', OPTIONS[0] as string)
    await enter(worker, 'paper', '4号楼', '1单元', '201', OPTIONS[0] as string)
    await enter(worker, 'proxy', '1号楼', '1单元', '101', OPTIONS[0] as string)
    const ballots = (await db().collection('ballots').where({ topicId: proposed._id }).get()).data as Any[]
    expect(ballots.map((b) => b.channel).sort()).toEqual(['app', 'app', 'app', 'paper', 'paper', 'proxy'])
    // The vote closes (moved to now); the worker publishes the count.
    await db()
      .collection('topics')
      .doc(proposed._id)
      .update({ 'vote.closesAt': new Date(Date.now() - 1000) })
    await worker.reload()
    await tapButton(worker, '结束投票，公布结果')
    await worker.getByRole('region', { name: '表决结果' }).waitFor()
    await worker.getByText(`${OPTIONS[0]}：5 票（选定）`).waitFor()
    await expectAxeClean(worker)
    await screenshot(worker, 'deliberation-result')

    // 5. 民办: the worker carries it out with a work order; it is accepted and replied 当场办.
    await tapButton(worker, '安排实施')
    const carry = worker.getByRole('form', { name: '安排实施' })
    await area(carry, '实施方案').fill('在3号楼东侧空地安装 10 个充电口，物业负责日常管理。')
    await field(carry, '责任人').fill('网格员、物业李经理')
    await radio(carry, '安全隐患').tap()
    await field(carry, '工单 1 要做什么').fill('拆除3号楼飞线，在东侧空地安装充电桩')
    await expectAxeClean(worker)
    await tapButton(carry, '开始实施')
    await worker.getByRole('region', { name: '实施公示' }).waitFor()
    await worker.getByText('已完成 0/1 项，0%').waitFor()
    await screenshot(worker, 'deliberation-carry')
    await worker.getByRole('link', { name: /^工单：安全隐患/ }).tap()
    await tapButton(worker, '接单')
    const [order] = (await db().collection('orders').where({ topicId: proposed._id }).get()).data as Any[]
    for (let i = 0; i < 100; i += 1) {
      const o = ((await db().collection('orders').doc(order._id).get()).data as Any[])[0]
      if (o?.status === 'accepted') break
      await new Promise((r) => setTimeout(r, 100))
    }
    await worker.reload()
    await tapButton(worker, '答复')
    const reply = worker.getByRole('form', { name: '答复居民' })
    await radio(reply, /当场办/).tap()
    await field(reply, '答复内容').fill('充电桩已安装完毕，飞线已全部拆除。')
    await tapButton(reply, '提交答复')
    await toastSays(worker, '已答复，居民打开小程序即可看到答复')
    // The timer sees every linked item done and opens the evaluation.
    for (let i = 0; i < 20 && (await topicDoc()).status !== 'evaluating'; i += 1) {
      await sweep()
      await new Promise((r) => setTimeout(r, 200))
    }
    expect((await topicDoc()).status).toBe('evaluating')

    // 6. 民评: households rate the outcome; the window closes (moved to now); the timer counts it.
    for (const [who, rating] of [
      [WANG, '满意'],
      [LI, '满意'],
      [CHEN, '基本满意'],
    ] as const) {
      const page = who === WANG ? wang : await pageAs(who)
      await page.goto(topicUrl(proposed._id))
      await page.getByText('您对办理结果满意吗？').waitFor()
      if (who === WANG) {
        await expectAxeClean(page)
        await screenshot(page, 'deliberation-rate')
      }
      await page.getByRole('button', { name: rating, exact: true }).tap()
      await page.getByText(`您家的评价：${rating}`).waitFor()
    }
    await db()
      .collection('topics')
      .doc(proposed._id)
      .update({ 'evaluation.closesAt': new Date(Date.now() - 1000) })
    await sweep()
    const closed = await until((t) => t.status === 'evaluated', 'closed')
    expect(closed.evaluation.result).toMatchObject({ rated: 3, satisfied: 2, basically: 1, reopened: false })
    await wang.goto(topicUrl(proposed._id))
    await wang
      .getByRole('region', { name: '居民评价' })
      .getByText('3 户参与评价：满意 2、基本满意 1、不满意 0。议题办结。')
      .waitFor()
    await expectAxeClean(wang)
    await screenshot(wang, 'deliberation-closed')
  }, 240_000)
})
