/**
 * @jest-environment jsdom
 */
// The compiled subpackage pages WeChat opens from a scanned mini-program code: the on-site check-in
// page (scene c=<code>) and the staff voucher verify page (scene v=<code>). WeChat hands the scene
// URL-encoded in the page's options; the page must pass it to the api as it came.
import { renderPage, type CallFunctionArgs, type RenderedPage } from '../support/weapp-harness'

let view: RenderedPage | undefined
afterEach(() => {
  view?.unmount()
  view = undefined
})

const calls = (v: RenderedPage) =>
  v.wx.callFunction.mock.calls.map(([args]) => (args as CallFunctionArgs).data)

const activity = {
  activityId: 'ac_1',
  communityId: 'cm-xinhua',
  title: '楼道清洁日',
  team: '彩虹桥·环境守护队',
  place: '1号楼',
  startAt: '2026-11-22T01:00:00.000Z',
  endAt: '2026-11-22T03:00:00.000Z',
  capacity: 10,
  signedUp: 3,
  points: 5,
  hours: 2,
  status: 'published',
  phaseLabel: '进行中',
  mine: 'checked_in',
  description: '',
  moves: [],
  checkinFrom: '2026-11-22T00:30:00.000Z',
  checkinTo: '2026-11-22T03:00:00.000Z',
  checkedInAt: '2026-11-22T01:05:00.000Z',
  confirmedAt: null,
  retried: false,
}

const voucher = {
  voucherId: 'rd_1',
  code: 'ABCD2345',
  itemId: 'it_1',
  itemName: '洗衣液',
  price: 30,
  status: 'issued',
  statusLabel: '待领取',
  issuedAt: '2026-11-21T01:00:00.000Z',
  expiresAt: '2026-12-05T15:59:59.999Z',
  usedAt: null,
  qrUrl: null,
  holderName: '王秀英',
  retried: false,
}

describe('pages opened by a scanned code (compiled weapp)', () => {
  it('check-in: the scene goes to activity.checkin and the page says 签到成功', async () => {
    view = await renderPage('features/activities/pages/checkin/index', {
      query: { scene: 'c%3DK7P2QX' },
      cloud: ({ data }) =>
        data?.action === 'activity.checkin'
          ? { ok: true, data: activity }
          : { ok: false, error: { code: 'INTERNAL', message: String(data?.action) } },
    })
    await view.waitFor(() => view!.text().includes('签到成功'))
    expect(calls(view)).toContainEqual({ action: 'activity.checkin', input: { code: 'c=K7P2QX' } })
    expect(view.text()).toContain('楼道清洁日')
    view.expectAllTemplatesFound()
  })

  it('voucher verify: the scene is looked up and the holder shown before 确认核销', async () => {
    view = await renderPage('features/market/pages/verify/index', {
      query: { scene: 'v%3DABCD2345' },
      cloud: ({ data }) =>
        data?.action === 'market.lookup'
          ? { ok: true, data: voucher }
          : { ok: false, error: { code: 'INTERNAL', message: String(data?.action) } },
    })
    await view.waitFor(() => view!.text().includes('确认核销'))
    const lookup = calls(view).find((d) => d?.action === 'market.lookup')
    expect(decodeURIComponent(String((lookup?.input as { code?: string } | undefined)?.code))).toBe(
      'v=ABCD2345',
    )
    expect(view.text()).toContain('王秀英')
    view.expectAllTemplatesFound()
  })
})
