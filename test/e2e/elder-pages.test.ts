/// <reference lib="dom" />
import path from 'node:path'
import type { Page } from 'playwright-core'
import { demoInviteCode, SeedIds } from '../../emulator/seed/demo-data'
import { DEMO_MEETING_ID } from '../../emulator/seed/meetings'
import { DEMO_WISH_IDS } from '../../emulator/seed/wishes'
import { DemoNoticeIds } from '../../emulator/seed/notices'
import { useSeededEmulator } from '../support/seeded-emulator'
import { axeViolations, describeViolations, pageAs, useBrowser } from './support/browser'
import { screensOf, startInElderMode } from './support/screens'

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })

/** The \`api\` function as the platform calls it, as a demo user. */
const call = async (openid: string, action: string, input: object) =>
  (await emu().invoke('api', { action, input }, { openid })) as { ok: boolean; data: Record<string, any> } // eslint-disable-line @typescript-eslint/no-explicit-any

/** A topic 王秀英 proposes for her grid, put on the agenda by its grid worker. */
async function topicOnAgenda(requestId: string, title: string, text: string) {
  const t = await call('demo-openid-resident-wang', 'topic.propose', { requestId, title, text })
  expect(t.ok).toBe(true)
  if (t.data.status === 'proposed')
    expect(
      (await call('demo-openid-xinhua-01-worker', 'topic.move', { topicId: t.data.id, move: 'confirm' })).ok,
    ).toBe(true)
  return t
}
const browser = useBrowser()

// Elder mode (长辈模式) on every page of 扫码入格, as each page's real user sees it: body text ≥ 24px
// (18pt), every touch target ≥ 60×60, and axe (WCAG 2.1 AA incl. contrast) clean.

async function elderPageAs(userId: string): Promise<Page> {
  const page = await pageAs(browser(), emu().url, userId)
  await startInElderMode(page)
  return page
}

interface Metrics {
  readonly smallText: string[]
  readonly smallTargets: string[]
}

/** Visible body text under 24px and visible touch targets under 60×60 on the current page. */
async function measure(page: Page): Promise<Metrics> {
  return page.evaluate(() => {
    const root = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find(
      (p) => getComputedStyle(p).display !== 'none',
    )
    if (!root) return { smallText: ['no visible page'], smallTargets: [] }
    const visible = (el: HTMLElement) => {
      const r = el.getBoundingClientRect()
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
    }
    const label = (el: HTMLElement) =>
      `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 20)}"`
    const smallText = Array.from(root.querySelectorAll<HTMLElement>('.t-body'))
      .filter(visible)
      .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 24)
      .map((el) => `${label(el)} ${getComputedStyle(el).fontSize}`)
    const targets = root.querySelectorAll<HTMLElement>(
      'taro-button-core, [role="button"], [role="radio"], [role="switch"], [role="checkbox"], input, textarea',
    )
    const smallTargets = Array.from(targets)
      .filter(visible)
      .map((el) => {
        // The touch area: the element's box, or a larger transparent ::after hit area if it has one.
        const r = el.getBoundingClientRect()
        const after = getComputedStyle(el, '::after')
        const hit = after.content !== 'none' && after.position === 'absolute'
        const w = Math.max(r.width, hit ? parseFloat(after.width) || 0 : 0)
        const h = Math.max(r.height, hit ? parseFloat(after.height) || 0 : 0)
        return { el, w, h }
      })
      .filter(({ w, h }) => w < 60 || h < 60)
      .map(({ el, w, h }) => `${label(el)} ${Math.round(w)}×${Math.round(h)}`)
    return { smallText, smallTargets }
  })
}

/** The filled primary buttons a person sees on the page in front (pages stay in Taro's stack); outlined ones are secondary. */
const primaryButtons = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter(
      (p) => getComputedStyle(p).display !== 'none',
    )
    const front = shown[shown.length - 1] ?? document
    return Array.from(
      front.querySelectorAll(
        '.nut-button-primary:not(.nut-button-outline):not(.nut-button-none):not(.nut-button-dashed)',
      ),
    )
      .filter((b) => b.getClientRects().length > 0)
      .map((b) => (b.textContent ?? '').trim())
  })

async function expectElderReady(page: Page, name: string): Promise<void> {
  await page.locator('.taro_page .page.elder').first().waitFor()
  const violations = await axeViolations(page)
  const metrics = await measure(page)
  // WeUI: one primary action per screen (issue #14 §5).
  const primaries = await primaryButtons(page)
  expect(primaries.length > 1 ? primaries : []).toEqual([])
  // The artifacts: the page in elder mode, then in the normal mode (test/e2e/support/screens.ts).
  await screensOf(page, name)
  expect(describeViolations(violations)).toBe('')
  expect(metrics).toEqual({ smallText: [], smallTargets: [] })
}

// The demo users whose pages the sweep opens.
const WANG = 'user-resident-wang'
const NEWCOMER = 'user-newcomer'
const WORKER = 'user-xinhua-01-worker'
const ADMIN = 'user-xinhua-admin'
const STREET = 'user-street-admin'
const LIU = 'user-helper-liu'
const HUANG = 'user-helper-huang'

/** A subpackage page: `sub('admin/import', 'communityId=cm-xinhua')` is /#/features/admin/pages/import/index?communityId=cm-xinhua. */
const sub = (featurePage: string, query?: string): string => {
  const [feature, page] = featurePage.split('/')
  return `/#/features/${feature}/pages/${page}/index${query ? `?${query}` : ''}`
}

/** The sweep's pages: [artifact name, who opens it, its address, a text that shows it is ready]. */
const pages: [name: string, userId: string, url: string, ready: string][] = [
  // The first screens (main package): home and 我的, as a resident, a newcomer and staff.
  ['home-resident', WANG, '/#/pages/home/index', '新华社区第1网格'],
  ['home-newcomer', NEWCOMER, '/#/pages/home/index', '加入我的网格'],
  ['home-worker', WORKER, '/#/pages/home/index', '工作台'],
  ['home-admin', ADMIN, '/#/pages/home/index', '工作台'],
  ['me-resident', WANG, '/#/pages/me/index', '我的家庭'],
  ['me-admin', ADMIN, '/#/pages/me/index', '网格管理'],
  [
    'join-consent',
    NEWCOMER,
    `/#/pages/join/index?scene=${encodeURIComponent(`b=${demoInviteCode('bd-xinhua-01-02')}`)}`,
    '隐私保护指引',
  ],
  ['join-picker', NEWCOMER, '/#/pages/join/index', '隐私保护指引'],
  ['join-member', WANG, '/#/pages/join/index', '您已加入'],
  ['grid-inbox', WORKER, sub('grid/joins'), '每订阅一次'],
  ['workbench', WORKER, sub('workbench/index'), '响应率'],
  ['admin-org', ADMIN, sub('admin/org'), '新华社区'],
  ['admin-org-street', STREET, sub('admin/org'), '本街道信息'],
  ['admin-import', ADMIN, sub('admin/import', 'communityId=cm-xinhua'), '开始导入'],
  ['admin-staff', ADMIN, sub('admin/staff', 'scopeId=gr-xinhua-01'), '王秀英'],
  ['admin-codes', ADMIN, sub('admin/codes', 'gridId=gr-xinhua-02'), '打印本网格二维码'],
  ['admin-print', ADMIN, sub('admin/print', 'gridId=gr-xinhua-02'), '微信扫码，加入网格'],
  ['admin-order-config', ADMIN, sub('admin/order-config', 'communityId=cm-xinhua'), '保存设置'],
  ['mine-data', WANG, sub('mine/data'), '王秀英'],
  ['mine-household', WANG, sub('mine/household'), '302'],
  ['mine-helper', LIU, sub('mine/helper'), '技能'],
]

// …and on the work-order pages (#5).
pages.push(
  ['report-form', WANG, sub('reports/index'), '提交上报'],
  ['report-mine', WANG, sub('reports/mine'), '我要上报'],
  ['order-inbox', WORKER, sub('reports/inbox'), '待接单'],
  ['order-queue', ADMIN, sub('reports/queue'), '超时'],
  // …and the errand and love-card pages (#6, #7).
  ['errand-post', WANG, sub('errands/index'), '代买米买菜'],
  ['errand-board', LIU, sub('errands/board'), '互助'],
  ['errand-mine', WANG, sub('errands/mine'), '我发布的'],
  ['love-card', LIU, sub('points/index'), '分'],
  ['points-give', WANG, sub('points/give'), '新华社区爱心基金'],
  // …and volunteer activities, the volunteer record, the love supermarket and the fund (#7).
  ['activities', WANG, sub('activities/index'), '重阳敬老'],
  [
    'activity-detail',
    WANG,
    sub('activities/detail', `activityId=${SeedIds.activities.chongyang}`),
    '取消报名',
  ],
  ['activity-checkin', WANG, sub('activities/checkin'), '签到码'],
  ['activity-publish', ADMIN, sub('activities/publish', 'communityId=cm-xinhua'), '活动名称'],
  ['activity-manage', ADMIN, sub('activities/manage', `activityId=${SeedIds.activities.chongyang}`), '名单'],
  ['volunteer-hours', WANG, sub('points/hours'), '社区义诊'],
  ['hours-export', ADMIN, sub('activities/export'), '导出志愿时长'],
  ['data-export', ADMIN, sub('exports/index'), '导出范围：新华社区'],
  ['dashboard', ADMIN, sub('dashboard/index'), '网格排名'],
  ['dashboard-street', STREET, sub('dashboard/index'), '各社区看板'],
  ['dashboard-grid', WORKER, sub('dashboard/index'), '互助与志愿'],
  ['data-export-street', STREET, sub('exports/index'), '全街道'],
  ['market', WANG, sub('market/index'), '洗衣液'],
  ['market-vouchers', WANG, sub('market/vouchers'), '您还没有兑换券'],
  ['market-verify', WORKER, sub('market/verify'), '查询兑换券'],
  ['market-items', ADMIN, sub('market/items', 'communityId=cm-xinhua'), '洗衣液'],
  ['community-fund', ADMIN, sub('market/fund', 'communityId=cm-xinhua'), '最近收支'],
  ['points-admin', ADMIN, sub('points/admin', 'communityId=cm-xinhua'), '积分流水'],
  // …and deliberation (#15).
  ['deliberation-hall', WANG, sub('deliberation/index'), '提出议题'],
  ['deliberation-propose', WANG, sub('deliberation/propose'), '提交议题'],
  [
    'deliberation-sources',
    WORKER,
    sub('deliberation/sources', 'gridId=gr-xinhua-01'),
    '选择反映同一件事的工单',
  ],
  ['deliberation-settings', ADMIN, sub('deliberation/settings', 'communityId=cm-xinhua'), '保存'],
  ['deliberation-community-hall', ADMIN, sub('deliberation/index', 'communityId=cm-xinhua'), '议事设置'],
  ['meeting-held-resident', WANG, sub('deliberation/meeting', `id=${DEMO_MEETING_ID}`), '会议纪要'],
  ['meeting-held-worker', WORKER, sub('deliberation/meeting', `id=${DEMO_MEETING_ID}`), '查看议题'],
  // …and the wish wall (#16).
  ['wish-wall', WANG, sub('wishes/index'), '一户老人家的电饭锅坏了'],
  ['wish-post', WANG, sub('wishes/post'), '提交心愿'],
  ['wish-post-family', WORKER, sub('wishes/post', 'gridId=gr-xinhua-01&family=1'), '替困难家庭代发'],
  ['wish-review', WORKER, sub('wishes/index', 'tab=review&gridId=gr-xinhua-01'), '一台收音机'],
  ['wish-open', HUANG, sub('wishes/detail', `id=${DEMO_WISH_IDS.cooker}`), '我来认领'],
  ['wish-claimed', LIU, sub('wishes/detail', `id=${DEMO_WISH_IDS.quilt}`), '联系方式'],
  ['wish-check', WORKER, sub('wishes/detail', `id=${DEMO_WISH_IDS.radio}`), '核实公示'],
  // 社区公告 and 办事指南 (docs/adr/0021-notices-and-guide.md).
  ['notices-list', WANG, sub('notices/index'), '65岁以上老人免费体检安排'],
  [
    'notice-detail-resident',
    WANG,
    sub('notices/detail', `id=${DemoNoticeIds.vaccine}`),
    '打开附件：体检安排表.pdf（178.1 KB）',
  ],
  ['notice-detail-admin', ADMIN, sub('notices/detail', `id=${DemoNoticeIds.vaccine}`), '撤回公告'],
  ['notices-manage', ADMIN, sub('notices/manage'), '发布新公告'],
  ['notice-publish', STREET, sub('notices/edit'), '发布范围'],
  ['guide-list', WANG, sub('guide/index'), '居住证办理'],
  [
    'guide-detail',
    WANG,
    sub('guide/detail', 'code=laonian-youdai&communityId=cm-xinhua'),
    '拨打电话 0351-5552101',
  ],
  [
    'guide-edit',
    ADMIN,
    sub('guide/edit', 'code=laonian-youdai&communityId=cm-xinhua'),
    '删除本社区的这个事项',
  ],
  // …and 百宝屋 (#16 §2): residents' pages, the desk and the staff pages.
  ['lending-catalogue', WANG, sub('lending/index'), '冲击电钻'],
  ['lending-catalogue-staff', ADMIN, sub('lending/index'), '借还登记'],
  ['lending-item', WANG, sub('lending/item', 'id=li-xinhua-sewing'), '预约借用'],
  ['lending-item-staff', WORKER, sub('lending/item', 'id=li-xinhua-drill'), '登记取用'],
  ['lending-mine', WANG, sub('lending/mine'), '我的预约'],
  ['lending-desk', WORKER, sub('lending/desk', 'code=TQDR2345'), '物品码'],
  ['lending-edit', ADMIN, sub('lending/edit', 'communityId=cm-xinhua'), '配件清单'],
  ['lending-label', ADMIN, sub('lending/label', 'id=li-xinhua-drill'), 'TQDR2345'],
  ['lending-staff', WORKER, sub('lending/staff', 'communityId=cm-xinhua&view=overdue'), '百宝屋全部物品'],
  ['lending-donate', WANG, sub('lending/donate'), '提交捐赠'],
  ['lending-donation', ADMIN, sub('lending/donation', 'id=ld-xinhua-tent'), '收入百宝屋'],
  ['lending-donations', ADMIN, sub('lending/donations', 'communityId=cm-xinhua'), '儿童自行车'],
)

describe('elder mode on the scan-to-join and work-order pages', () => {
  it('order-detail (reporter and grid worker)', async () => {
    const res = (await emu().invoke(
      'api',
      {
        action: 'report.submit',
        input: {
          requestId: 'elder-detail-1',
          category: 'street_light',
          text: '1号楼门口路灯不亮',
          photos: [],
          location: { kind: 'household' },
          hideName: false,
        },
      },
      { openid: 'demo-openid-resident-wang' },
    )) as { ok: boolean; data: { orderId: string } }
    expect(res.ok).toBe(true)
    for (const [who, userId] of [
      ['reporter', 'user-resident-wang'],
      ['worker', 'user-xinhua-01-worker'],
    ] as const) {
      const page = await elderPageAs(userId)
      await page.goto(`/#/features/reports/pages/detail/index?id=${encodeURIComponent(res.data.orderId)}`)
      await page.getByText('1号楼门口路灯不亮').first().waitFor()
      await expectElderReady(page, `order-detail-${who}`)
      await page.context().close()
    }
    // 转为议题: the worker raises a topic from the report (the form drafted from it).
    const raise = await elderPageAs('user-xinhua-01-worker')
    await raise.goto(
      `/#/features/deliberation/pages/raise/index?orders=${encodeURIComponent(res.data.orderId)}`,
    )
    await raise.getByText('据 1 件居民上报发起').first().waitFor()
    await expectElderReady(raise, 'deliberation-raise')
    await raise.context().close()
  })

  it('topic detail: the ballot (resident) and the staff view', async () => {
    const t = await topicOnAgenda(
      'elder-topic-1',
      '在3号楼旁安装充电桩',
      '飞线充电太危险，希望集中安装充电桩',
    )
    const opened = await call('demo-openid-xinhua-01-worker', 'topic.openVote', {
      topicId: t.data.id,
      rule: 'residents_meeting',
      opensAt: new Date(Date.now() + 500).toISOString(),
      closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    })
    expect(opened.ok).toBe(true)
    await new Promise((r) => setTimeout(r, 600))
    for (const [who, userId, ready] of [
      ['resident', 'user-resident-wang', '不同意'],
      ['worker', 'user-xinhua-01-worker', '每户投票'],
    ] as const) {
      const page = await elderPageAs(userId)
      await page.goto(
        `/#/features/deliberation/pages/topic/index?id=${encodeURIComponent(String(t.data.id))}`,
      )
      await page.getByText(ready).first().waitFor()
      await expectElderReady(page, `topic-${who}`)
      await page.context().close()
    }
  })

  it('topic: the carry-out form (民办) and the rating (民评)', async () => {
    const WORKER = 'demo-openid-xinhua-01-worker'
    // The demo's vote that passed: the worker opens the carry-out form.
    const [decided] = (
      await emu().app.database().collection('topics').where({ status: 'decided' }).limit(1).get()
    ).data as { _id: string }[]
    const worker = await elderPageAs('user-xinhua-01-worker')
    await worker.goto(
      `/#/features/deliberation/pages/topic/index?id=${encodeURIComponent(decided?._id ?? '')}`,
    )
    await worker.getByText('安排实施').first().tap()
    await worker.getByText('开始实施').first().waitFor()
    await expectElderReady(worker, 'topic-carry-form')
    await worker.context().close()
    // A committee decision carried out through one order, handled: the households rate it.
    const t = await topicOnAgenda('elder-rate-1', '小区门口加装路灯', '晚上太黑，老人出门不安全')
    const topicId = String(t.data.id)
    expect((await call(WORKER, 'topic.move', { topicId, move: 'decide', reason: '同意加装' })).ok).toBe(true)
    const carried = await call(WORKER, 'topic.carry', {
      topicId,
      requestId: 'elder-rate-1',
      plan: '在小区门口加装两盏路灯',
      responsible: '网格员',
      orders: [{ category: 'street_light', text: '小区门口加装两盏路灯' }],
    })
    expect(carried.ok).toBe(true)
    const orderId = String(carried.data.work.items[0].id)
    expect((await call(WORKER, 'order.accept', { orderId })).ok).toBe(true)
    expect((await call(WORKER, 'order.reply', { orderId, outcome: 'handled', text: '已装好' })).ok).toBe(true)
    for (let i = 0; i < 20; i += 1) {
      await emu().invoke('sweep', { now: new Date().toISOString() })
      const stored = (await emu().app.database().collection('topics').doc(topicId).get()).data as {
        status: string
      }[]
      if (stored[0]?.status === 'evaluating') break
      await new Promise((r) => setTimeout(r, 200))
    }
    const resident = await elderPageAs('user-resident-wang')
    await resident.goto(`/#/features/deliberation/pages/topic/index?id=${encodeURIComponent(topicId)}`)
    await resident.getByText('您对办理结果满意吗？').waitFor()
    await expectElderReady(resident, 'topic-rate')
    await resident.context().close()
  })

  it('meeting: the organiser’s close form (minutes, attendance, photos, options)', async () => {
    const t = await topicOnAgenda('elder-meeting-1', '楼道加装扶手', '老人上下楼不方便，希望加装扶手')
    const m = await call('demo-openid-xinhua-01-worker', 'meeting.schedule', {
      topicId: t.data.id,
      requestId: 'elder-meeting-1',
      place: '社区党群服务中心二楼',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
    expect(m.ok).toBe(true)
    // As if it started an hour ago: the minutes may be written.
    await emu()
      .app.database()
      .collection('topic_meetings')
      .doc(String(m.data.id))
      .update({ startsAt: new Date(Date.now() - 3_600_000) })
    const page = await elderPageAs('user-xinhua-01-worker')
    await page.goto(
      `/#/features/deliberation/pages/meeting/index?id=${encodeURIComponent(String(m.data.id))}`,
    )
    await page.getByText('关闭会议').first().tap()
    await page.getByText('添加选项').first().tap()
    await page.getByText('提交纪要，关闭会议').first().waitFor()
    await expectElderReady(page, 'meeting-close-form')
    await page.context().close()
  })

  it('report-hazard (the emergency advice a hazard category opens with)', async () => {
    const page = await elderPageAs('user-resident-wang')
    await page.goto('/#/features/reports/pages/index/index')
    await page
      .getByRole('radiogroup', { name: '问题类别' })
      .getByRole('radio', { name: /安全隐患/ })
      .tap()
    await page.getByText('没有紧急危险，继续上报').first().waitFor()
    await expectElderReady(page, 'report-hazard')
    await page.context().close()
  })

  it.each(pages)('%s', async (name, userId, url, ready) => {
    const page = await elderPageAs(userId)
    await page.goto(url)
    await page.getByText(ready).first().waitFor()
    await expectElderReady(page, name)
    await page.context().close()
  })
})
