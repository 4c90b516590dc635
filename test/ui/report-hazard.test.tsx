import { render, screen } from '@testing-library/react'
import type { Profile } from '../../src/core/me/api'
import type { CategoryView, HazardAdvice, ReportReceipt } from '../../src/core/orders/api'
import ReportPage from '../../src/features/reports/pages/index/index'
import { setElderMode } from '../../src/hooks/elder-mode'
import Taro, { resetTaroMock, router } from '../support/taro-mock'
import { householdSummary } from '../support/ui-fixtures'
import { api, calls, tap, type } from '../support/ui-script'

// The hazard prompt (#14 item 1): choosing a hazard category — 安全隐患 or one the community marks —
// first shows what to do in an emergency, with one-tap calls to 119 and the community's gas repair
// line; then the form, and the report goes out under its hazard category (the urgent kind: the
// short accept clock, first in the inbox).

jest.mock('../../src/services/subscribe', () => ({
  requestSubscription: jest.fn(async (ids: string[]) => ids),
}))

const makePhoneCall = jest.fn(async (_o: { phoneNumber: string }) => ({ errMsg: 'makePhoneCall:ok' }))
Object.assign(Taro, { makePhoneCall })

const profile: Profile = {
  userId: 'u1',
  displayName: '王秀英',
  roles: [],
  household: householdSummary({ buildingName: '3号楼', unitName: '2单元', room: '502' }),
  created: false,
}
const categories: CategoryView[] = [
  { id: 'safety', name: '安全隐患', hint: '电动车飞线充电、消防通道堵塞、燃气异味', hazard: true },
  { id: 'street_light', name: '路灯不亮', hint: '', hazard: false },
  { id: 'c_lift', name: '电梯困人', hint: '', hazard: true },
]
const advice: HazardAdvice = { gasRepairPhone: '96777', acceptHours: 1 }
const receipt = (requestId: string): ReportReceipt => ({
  orderId: `wo_u1_${requestId}`,
  status: 'submitted',
  submittedAt: '2026-11-21T01:00:00.000Z',
  held: false,
  retried: false,
})
const scripted = (hazardAdvice: HazardAdvice | null = advice) => ({
  'me.profile': profile,
  'report.categories': { communityId: 'cm-xinhua', categories, ...(hazardAdvice ? { hazardAdvice } : {}) },
  'report.similar': [],
  'report.submit': (input: Record<string, unknown>) => receipt(String(input.requestId)),
  'order.dispatch': { dispatched: 1 },
})

const prompt = () => screen.queryByLabelText('紧急情况先求助')
const form = () => screen.queryByText('提交上报')
const byLabel = (label: string) => {
  const el = document.querySelector(`[aria-label="${label}"]`)
  if (!el) throw new Error(`nothing labelled ${label}`)
  return el
}
const radio = (name: string) => {
  const r = [...document.querySelectorAll('[aria-role="radio"]')].find((el) =>
    el.getAttribute('aria-label')?.startsWith(name),
  )
  if (!r) throw new Error(`no radio ${name}`)
  return r
}

beforeEach(() => {
  resetTaroMock()
  router.params = {}
  makePhoneCall.mockClear()
  setElderMode(false)
})

describe('the hazard prompt', () => {
  it('comes before the form when 安全隐患 is chosen: what to do, 119 and the gas repair line in one tap', async () => {
    api(scripted())
    render(<ReportPage />)
    await tap(await screen.findByText('安全隐患'))

    expect(prompt()).toBeTruthy()
    expect(form()).toBeNull()
    expect(screen.getByLabelText('安全隐患求助').getAttribute('aria-role')).toBe('main')
    expect(screen.getByText('遇到危险，先打电话求助')).toBeTruthy()
    expect(
      [...document.querySelectorAll('.hazard [aria-role="listitem"]')].map((li) => li.textContent),
    ).toEqual([
      '闻到燃气味：不要开关电灯电器、不要点火，打开门窗，离开后在室外拨打电话。',
      '发现起火或有人被困：立即拨打 119。',
    ])
    expect(screen.getByText('“安全隐患”按紧急工单处理：网格员须在 1 小时内接单。')).toBeTruthy()

    // WeUI: one primary action on the screen, the call to 119; every button names what it does.
    const buttons = [...document.querySelectorAll('.hazard taro-button-core')]
    expect(buttons.map((b) => b.textContent)).toEqual([
      '拨打 119',
      '燃气抢修 96777',
      '没有紧急危险，继续上报',
    ])
    expect(document.querySelectorAll('.hazard .nut-button-primary')).toHaveLength(1)
    expect(byLabel('拨打 119 火警电话').className).toMatch(/nut-button-primary/)

    await tap(byLabel('拨打 119 火警电话'))
    await tap(byLabel('拨打燃气抢修电话 96777'))
    expect(makePhoneCall.mock.calls.map(([o]) => o)).toEqual([
      { phoneNumber: '119' },
      { phoneNumber: '96777' },
    ])
    expect(prompt()).toBeTruthy() // calling does not leave the advice

    await tap(screen.getByText('没有紧急危险，继续上报'))
    expect(prompt()).toBeNull()
    expect(radio('安全隐患').getAttribute('aria-checked')).toBe('true')
    // Not by colour alone: the chosen tile is ticked, the hazard says 紧急 in words.
    expect(radio('安全隐患').textContent).toMatch(/^✓安全隐患紧急/)
    expect(radio('路灯不亮').textContent).toMatch(/^路灯不亮(?!紧急)/)
    expect(screen.getByText('紧急情况请先拨打 119，本上报按紧急工单处理。')).toBeTruthy()
    // The numbers stay one tap away from the form.
    await tap(screen.getByText('求助电话'))
    expect(prompt()).toBeTruthy()
    await tap(screen.getByText('没有紧急危险，继续上报'))

    // Chosen again, or another category: no second prompt.
    await tap(radio('安全隐患'))
    expect(prompt()).toBeNull()
    await tap(radio('路灯不亮'))
    expect(prompt()).toBeNull()
    expect(screen.queryByText('紧急情况请先拨打 119，本上报按紧急工单处理。')).toBeNull()
  })

  it('opens a community’s own hazard category too; without a gas line set it offers 119 only', async () => {
    api(scripted({ gasRepairPhone: null, acceptHours: 2 }))
    render(<ReportPage />)
    await tap(await screen.findByText('电梯困人'))
    expect(prompt()).toBeTruthy()
    expect([...document.querySelectorAll('.hazard taro-button-core')].map((b) => b.textContent)).toEqual([
      '拨打 119',
      '没有紧急危险，继续上报',
    ])
    expect(screen.getByText('“电梯困人”按紧急工单处理：网格员须在 2 小时内接单。')).toBeTruthy()
  })

  it('from a function that sends no advice yet: 119 and a plain promise of priority', async () => {
    api(scripted(null))
    render(<ReportPage />)
    await tap(await screen.findByText('安全隐患'))
    expect(screen.getByText('“安全隐患”按紧急工单处理，网格员会优先接单。')).toBeTruthy()
    expect(screen.queryByText(/燃气抢修/)).toBeNull()
    await tap(byLabel('拨打 119 火警电话'))
    expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '119' })
  })

  it('keeps what was typed, and the report goes out under the hazard category', async () => {
    api(scripted())
    render(<ReportPage />)
    await screen.findByText('安全隐患')
    await type('问题描述', '5号楼楼道里有燃气味', 'taro-textarea-core')
    await tap(screen.getByText('安全隐患'))
    await tap(screen.getByText('没有紧急危险，继续上报'))
    await tap(screen.getByText('提交上报'))
    await screen.findByText('已提交')
    expect(calls.find((c) => c.action === 'report.submit')?.input).toMatchObject({
      category: 'safety',
      text: '5号楼楼道里有燃气味',
      location: { kind: 'household' },
    })
  })

  it('in elder mode: the page is in elder mode and every line and button uses the tokens it enlarges', async () => {
    setElderMode(true)
    api(scripted())
    render(<ReportPage />)
    await tap(await screen.findByText('安全隐患'))
    expect(screen.getByLabelText('安全隐患求助').className).toMatch(/\belder\b/)
    // app.scss: in `.page.elder`, .t-body is 24px (18pt) and .btn at least 64×64.
    for (const li of document.querySelectorAll('.hazard [aria-role="listitem"] taro-text-core'))
      expect(li.className).toMatch(/\bt-body\b/)
    for (const b of document.querySelectorAll('.hazard taro-button-core'))
      expect(b.className).toMatch(/\bbtn\b/)
  })
})
