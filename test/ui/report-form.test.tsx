import { act, render, screen, waitFor } from '@testing-library/react'
import type { Profile } from '../../src/core/me/api'
import type { CategoryView, ReportReceipt } from '../../src/core/orders/api'
import ReportPage from '../../src/features/reports/pages/index/index'
import MyReportsPage from '../../src/features/reports/pages/mine/index'
import { requestSubscription } from '../../src/services/subscribe'
import Taro, { getStorageSync, resetTaroMock, router, showToast } from '../support/taro-mock'
import { householdSummary } from '../support/ui-fixtures'
import { api, button, calls, tap, type } from '../support/ui-script'
import { photoMocks } from './upload-mock'

// The report form against a scripted `api`: local validation, the draft is on the phone before the
// submit goes out, "已提交" only after the receipt, the same request id on every retry, photos.

jest.mock('../../src/services/subscribe', () => ({
  requestSubscription: jest.fn(async (ids: string[]) => ids),
}))
jest.mock('../../src/services/upload', () =>
  jest.requireActual<typeof import('./upload-mock')>('./upload-mock').uploadMock(),
)
const { pick, compress, upload } = photoMocks()

const redirectTo = jest.fn(async (_o: { url: string }) => ({ errMsg: 'redirectTo:ok' }))
Object.assign(Taro, { redirectTo })

const home = householdSummary({ buildingName: '3号楼', unitName: '2单元', room: '502' })
const profile: Profile = { userId: 'u1', displayName: '王秀英', roles: [], household: home, created: false }
const categories: CategoryView[] = [
  { id: 'hazard', name: '安全隐患', hint: '飞线充电、楼道堆物', hazard: true },
  { id: 'lights', name: '路灯损坏', hint: '', hazard: false },
]
const receipt = (requestId: string): ReportReceipt => ({
  orderId: `wo_u1_${requestId}`,
  status: 'submitted',
  submittedAt: '2026-11-21T01:00:00.000Z',
  held: false,
  retried: false,
})

const base = {
  'me.profile': profile,
  'report.categories': { communityId: 'c', categories },
  'report.similar': [],
}

/** A hazard category opens with the emergency advice (HazardPrompt); no emergency here: on to the form. */
const pastHazardPrompt = () => tap(screen.getByText('没有紧急危险，继续上报'))
const describeProblem = (value: string) => type('问题描述', value, 'taro-textarea-core')
const storedDrafts = () =>
  JSON.parse(String(getStorageSync('emulin.drafts.v1') || '[]')) as Array<{
    id: string
    state: string
    files: { fileID: string | null }[]
  }>

beforeEach(() => {
  resetTaroMock()
  router.params = {}
  pick.mockReset()
  compress.mockReset()
  upload.mockReset()
})

describe('report form', () => {
  it('defaults the place to my home and checks category and text before anything is sent', async () => {
    api(base)
    render(<ReportPage />)
    await screen.findByText('安全隐患')
    expect(screen.getByText('我家（3号楼2单元502室）').getAttribute('aria-checked')).toBe('true')
    expect(screen.getByText(/点输入法键盘上的“话筒”按钮/)).toBeTruthy()
    await tap(screen.getByText('提交上报'))
    await screen.findByText('请选择问题类别')
    await tap(screen.getByText('安全隐患'))
    await pastHazardPrompt()
    // Fixed: the message goes with the problem.
    expect(screen.queryByText('请选择问题类别')).toBeNull()
    await tap(screen.getByText('提交上报'))
    await screen.findByText('请描述一下遇到的问题')
    await describeProblem('长'.repeat(501))
    await tap(screen.getByText('提交上报'))
    await screen.findByText(/不能超过 500 个字/)
    expect(calls.map((c) => c.action)).not.toContain('report.submit')
    expect(storedDrafts()).toEqual([])
  })

  it('saves the draft before sending and says 已提交 only after the receipt', async () => {
    let release: (v: unknown) => void = () => undefined
    let draftsAtSend: ReturnType<typeof storedDrafts> = []
    api({
      ...base,
      'report.submit': (input: Record<string, unknown>) => {
        draftsAtSend = storedDrafts()
        return new Promise((r) => (release = () => r({ ok: true, data: receipt(String(input.requestId)) })))
      },
      'order.dispatch': { dispatched: 1 },
    })
    render(<ReportPage />)
    await tap(await screen.findByText('安全隐患'))
    await pastHazardPrompt()
    await describeProblem('3号楼2单元楼道有电动车飞线充电')
    await tap(screen.getByText('提交上报'))
    const submit = calls.find((c) => c.action === 'report.submit')
    expect(submit?.input).toMatchObject({
      category: 'hazard',
      text: '3号楼2单元楼道有电动车飞线充电',
      location: { kind: 'household' },
      hideName: false,
      photos: [],
    })
    // not public unless the reporter switched it on
    expect(submit?.input).not.toHaveProperty('publicText')
    expect(draftsAtSend).toEqual([expect.objectContaining({ id: submit?.input.requestId, state: 'pending' })])
    expect(screen.getByText('正在提交…')).toBeTruthy()
    expect(screen.queryByText('已提交')).toBeNull()
    await act(async () => release(undefined))
    await screen.findByText('已提交')
    expect(storedDrafts()[0]?.state).toBe('sent')
    // Right after the receipt, the nudge that has the grid workers told now.
    expect(calls.find((c) => c.action === 'order.dispatch')?.input).toEqual({
      orderId: `wo_u1_${String(submit?.input.requestId)}`,
    })
    await tap(screen.getByText('订阅处理进度'))
    expect(requestSubscription).toHaveBeenCalledWith(['tmpl-order-progress'])
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已订阅：办理有进展时微信通知您', icon: 'none' }),
    )
    await tap(screen.getByText('查看办理进度'))
    expect(redirectTo).toHaveBeenCalledWith({
      url: `/features/reports/pages/detail/index?id=wo_u1_${String(submit?.input.requestId)}`,
    })
  })

  it('asks before the description may be public: off by default, sent only when switched on (Open311)', async () => {
    api({
      ...base,
      'report.submit': (input: Record<string, unknown>) => receipt(String(input.requestId)),
      'order.dispatch': { dispatched: 1 },
    })
    render(<ReportPage />)
    await tap(await screen.findByText('路灯损坏'))
    expect(screen.getByText(/默认不公开/)).toBeTruthy()
    const consent = screen.getByLabelText('允许在公开数据中展示问题描述')
    // NutUI marks a switch that is off with nut-switch-close
    expect(consent.className).toMatch(/\bnut-switch-close\b/)
    await describeProblem('东门路灯不亮')
    await tap(consent)
    expect(consent.className).not.toMatch(/\bnut-switch-close\b/)
    await tap(screen.getByText('提交上报'))
    await screen.findByText('已提交')
    expect(calls.find((c) => c.action === 'report.submit')?.input).toMatchObject({
      category: 'lights',
      text: '东门路灯不亮',
      publicText: true,
    })
  })

  it('keeps a draft that could not be sent and retries it with the same request id', async () => {
    let failures = 2
    api({
      ...base,
      'report.submit': (input: Record<string, unknown>) => {
        if (failures-- > 0) throw new Error('request:fail timeout')
        return receipt(String(input.requestId))
      },
    })
    render(<ReportPage />)
    await tap(await screen.findByText('路灯损坏'))
    await describeProblem('小区东门路灯不亮')
    await tap(screen.getByText('提交上报'))
    await screen.findByText('待发送（网络恢复后自动提交）')
    expect(screen.queryByText('已提交')).toBeNull()
    expect(storedDrafts()).toEqual([expect.objectContaining({ state: 'pending' })])
    await tap(screen.getByText('立即重试'))
    await screen.findByText('待发送（网络恢复后自动提交）')
    await tap(screen.getByText('立即重试'))
    await screen.findByText('已提交')
    const ids = calls.filter((c) => c.action === 'report.submit').map((c) => c.input.requestId)
    expect(ids).toHaveLength(3)
    expect(new Set(ids).size).toBe(1)
  })

  it('我的上报 sends a waiting draft by hand: 我要上报 stays the one primary action, and 已提交 is a toast', async () => {
    let failures = 1
    api({
      ...base,
      'report.mine': { items: [], cursor: null },
      'report.submit': (input: Record<string, unknown>) => {
        if (failures-- > 0) throw new Error('request:fail timeout')
        return receipt(String(input.requestId))
      },
    })
    const form = render(<ReportPage />)
    await tap(await screen.findByText('路灯损坏'))
    await describeProblem('小区东门路灯不亮')
    await tap(screen.getByText('提交上报'))
    await screen.findByText('待发送（网络恢复后自动提交）')
    form.unmount()

    render(<MyReportsPage />)
    await screen.findByLabelText('路灯损坏，待发送')
    expect(document.querySelectorAll('.nut-button-primary')).toHaveLength(1)
    expect(button('我要上报').className).toContain('nut-button-primary')
    await tap(button('立即重试'))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '已提交', icon: 'success' }))
    expect(storedDrafts().filter((d) => d.state !== 'sent')).toEqual([])
    expect(screen.queryByLabelText('路灯损坏，待发送')).toBeNull()
  })

  it('keeps the form when the server refuses, and stores nothing', async () => {
    api({ ...base, 'report.submit': { ok: false, error: { code: 'CONTENT.RISKY', message: 'risky' } } })
    render(<ReportPage />)
    await tap(await screen.findByText('安全隐患'))
    await pastHazardPrompt()
    await describeProblem('不当内容')
    await tap(screen.getByText('提交上报'))
    await screen.findByText('内容含有不当信息，请修改后再提交')
    expect(screen.getByText('提交上报')).toBeTruthy()
    expect(storedDrafts()).toEqual([])
  })

  it('compresses picked photos, refuses what does not fit, uploads each under my path and submits the fileIDs', async () => {
    pick.mockResolvedValue([
      { path: 'blob:a', size: 3_000_000 },
      { path: 'blob:b', size: 11 * 1024 * 1024 },
      { path: 'blob:c', size: 500_000 },
    ])
    compress.mockImplementation(async (p) => ({ path: `${p}-small`, size: 200_000 }))
    upload.mockImplementation(async (_local, cloudPath) => `cloud://env.bucket/${cloudPath}`)
    api({ ...base, 'report.submit': (input: Record<string, unknown>) => receipt(String(input.requestId)) })
    render(<ReportPage />)
    await tap(await screen.findByText('安全隐患'))
    await pastHazardPrompt()
    await describeProblem('楼道堆满杂物')
    await tap(screen.getByText('添加照片'))
    await screen.findByText('1 张照片超过 10 MB，未添加')
    expect(compress.mock.calls.map((c) => c[0])).toEqual(['blob:a', 'blob:c'])
    expect(screen.getByText(/已选 2 张/)).toBeTruthy()
    await tap(screen.getByText('删除第1张'))
    expect(screen.getByText(/已选 1 张/)).toBeTruthy()
    await tap(screen.getByText('提交上报'))
    await screen.findByText('已提交')
    const submit = calls.find((c) => c.action === 'report.submit')
    const rid = String(submit?.input.requestId)
    expect(upload.mock.calls).toEqual([['blob:c-small', `reports/u1/${rid}/1.jpg`]])
    expect(submit?.input.photos).toEqual([`cloud://env.bucket/reports/u1/${rid}/1.jpg`])
  })

  it('offers open orders of the same problem and follows one instead of submitting', async () => {
    api({
      ...base,
      'report.similar': [
        {
          orderId: 'wo_x',
          categoryName: '安全隐患',
          summary: '楼道飞线充电',
          placeName: '3号楼',
          status: 'accepted',
          submittedAt: '2026-11-20T01:00:00.000Z',
          followers: 2,
        },
      ],
      'report.follow': { orderId: 'wo_x' },
    })
    render(<ReportPage />)
    await tap(await screen.findByText('安全隐患'))
    await pastHazardPrompt()
    await describeProblem('飞线充电')
    await tap(screen.getByText('提交上报'))
    await screen.findByText('是同一个问题吗？')
    expect(screen.getByText(/2 人关注/)).toBeTruthy()
    // Following promises what is sure: the progress in 我的上报, not a message that may not be sent.
    expect(
      screen.getByText('附近已有邻居反映了同类问题。关注它，可在“我的上报”中查看办理进展，不用重复上报。'),
    ).toBeTruthy()
    await tap(screen.getByText('是同一个问题，关注它'))
    expect(calls.filter((c) => c.action === 'report.follow')).toEqual([
      { action: 'report.follow', input: { orderId: 'wo_x' } },
    ])
    expect(calls.map((c) => c.action)).not.toContain('report.submit')
    expect(redirectTo).toHaveBeenCalledWith({ url: '/features/reports/pages/detail/index?id=wo_x' })
  })

  it('lets staff register on behalf of a resident at a picked building', async () => {
    router.params = { mode: 'intake' }
    api({
      ...base,
      'me.profile': {
        ...profile,
        household: null,
        roles: [{ role: 'grid_worker', scope: { streetId: 's', communityId: 'c', gridId: 'g' } }],
      },
      'join.options': [{ id: 'b7', name: '7号楼' }],
      'report.submit': (input: Record<string, unknown>) => receipt(String(input.requestId)),
    })
    render(<ReportPage />)
    await screen.findByText('代居民登记', { selector: '.t-title' })
    await tap(await screen.findByText('7号楼'))
    await tap(screen.getByText('安全隐患'))
    await pastHazardPrompt()
    await describeProblem('来电反映7号楼楼顶漏水')
    await act(async () => {
      document
        .querySelector('taro-input-core[aria-label="居民姓名"]')
        ?.dispatchEvent(new CustomEvent('input', { detail: { value: '赵大爷' }, bubbles: true }))
    })
    await tap(screen.getByText('提交登记'))
    await screen.findByText('已提交')
    expect(calls.find((c) => c.action === 'report.submit')?.input).toMatchObject({
      location: { kind: 'building', buildingId: 'b7' },
      onBehalfOf: { name: '赵大爷', channel: 'phone' },
    })
    expect(calls.map((c) => c.action)).not.toContain('report.similar')
  })

  it('names the resident’s phone when it is wrong, and clears the message once it is fixed', async () => {
    router.params = { mode: 'intake' }
    api({
      ...base,
      'me.profile': {
        ...profile,
        household: null,
        roles: [{ role: 'grid_worker', scope: { streetId: 's', communityId: 'c', gridId: 'g' } }],
      },
      'join.options': [{ id: 'b7', name: '7号楼' }],
      'report.submit': (input: Record<string, unknown>) => receipt(String(input.requestId)),
    })
    render(<ReportPage />)
    await tap(await screen.findByText('7号楼'))
    await tap(screen.getByText('安全隐患'))
    await pastHazardPrompt()
    await describeProblem('来电反映7号楼楼顶漏水')
    const field = (label: string, value: string) =>
      act(async () => {
        document
          .querySelector(`taro-input-core[aria-label="${label}"]`)
          ?.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
      })
    await field('居民姓名', '赵大爷')
    await field('联系电话（选填）', '1381234')
    await tap(screen.getByText('提交登记'))
    await screen.findByText('请填写 11 位手机号')
    expect(screen.queryByText(/填写的内容有误/)).toBeNull()
    expect(calls.map((c) => c.action)).not.toContain('report.submit')
    await field('联系电话（选填）', '13812345678')
    expect(screen.queryByText('请填写 11 位手机号')).toBeNull()
    await tap(screen.getByText('提交登记'))
    await screen.findByText('已提交')
  })

  it('says how many photos were left out when more than 9 are chosen', async () => {
    pick.mockResolvedValue(Array.from({ length: 10 }, (_, i) => ({ path: `blob:${i}`, size: 100_000 })))
    compress.mockImplementation(async (p) => ({ path: `${p}-small`, size: 50_000 }))
    api(base)
    render(<ReportPage />)
    await tap(await screen.findByText('添加照片'))
    await screen.findByText('最多 9 张照片，多出的 1 张未添加')
    expect(screen.getByText(/已选 9 张/)).toBeTruthy()
  })
})
