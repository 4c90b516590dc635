import { render, screen } from '@testing-library/react'
import type { GiftRecipients, TransferView } from '../../src/core/points/api'
import GivePointsPage from '../../src/features/points/pages/give/index'
import MyPointsPage from '../../src/features/points/pages/index/index'
import { errorCopy } from '../../src/services/error-copy'
import { navigateBack, navigateTo, pageStack, redirectTo, resetTaroMock } from '../support/taro-mock'
import { api, button, buttons, calls, fail, inputs, tap, type } from '../support/ui-script'

// 转赠积分 (give points to the fund or to a neighbour who served me) against a scripted `api`.

const recipients = (patch: Partial<GiftRecipients> = {}): GiftRecipients => ({
  balance: 12,
  fundName: '新华社区爱心基金',
  neighbours: [
    {
      userId: 'user-helper-liu',
      name: '刘志强',
      errandId: 'er_2',
      type: 'groceries',
      typeLabel: '代买米买菜',
      at: '2026-11-20T02:00:00.000Z',
    },
    {
      userId: 'user-helper-yang',
      name: '杨丽华',
      errandId: 'er_1',
      type: 'parcel',
      typeLabel: '代收快递',
      at: '2026-11-18T23:30:00.000Z',
    },
  ],
  ...patch,
})
const view = (patch: Partial<TransferView> = {}): TransferView => ({
  transferId: 'tr_1',
  cause: 'gift:user-resident-wang:r1',
  from: 'u:user-resident-wang',
  to: 'u:user-helper-liu',
  amount: 5,
  reason: '谢谢您帮我买米',
  at: '2026-11-21T01:00:00.000Z',
  retried: false,
  ...patch,
})

const radios = () => [...document.querySelectorAll('[role="radio"], [aria-role="radio"], [ariarole="radio"]')]
const radio = (name: string) => {
  const r = radios().find((el) => el.textContent?.includes(name))
  if (!r) throw new Error(`no choice ${name}`)
  return r
}
const isChecked = (el: Element) =>
  el.getAttribute('aria-checked') === 'true' || el.getAttribute('ariachecked') === 'true'

const LOVE_CARD = 'features/points/pages/index/index'
const GIVE = 'features/points/pages/give/index'
beforeEach(() => {
  resetTaroMock()
  pageStack.push(LOVE_CARD, GIVE)
})

/** Fills the form: the choice, the amount and (optionally) the note, then 下一步. */
const fill = async (name: string, amount: string, note?: string) => {
  await tap(radio(name))
  await type('转赠积分', amount)
  if (note !== undefined) await type('留言（可不填）', note)
  await tap(button('下一步'))
}

describe('转赠积分', () => {
  it('shows my balance and the choices: the fund first, then the neighbours with what they did', async () => {
    api({ 'points.recipients': recipients() })
    render(<GivePointsPage />)
    await screen.findByText('12 分')
    expect(radios().map((r) => r.textContent)).toEqual([
      '新华社区爱心基金帮助社区里有困难的居民',
      '刘志强帮我代买米买菜 · 11月20日',
      '杨丽华帮我代收快递 · 11月19日',
    ])
    expect(radios().map((r) => r.getAttribute('aria-label'))).toEqual([
      '新华社区爱心基金，帮助社区里有困难的居民',
      '刘志强，帮我代买米买菜 · 11月20日',
      '杨丽华，帮我代收快递 · 11月19日',
    ])
    expect(radios().some(isChecked)).toBe(false)
    await tap(radio('刘志强'))
    expect(radios().map(isChecked)).toEqual([false, true, false])
    expect(inputs('points.recipients')).toEqual([{}])
  })

  it('with nobody who served me yet, only the fund is offered, with a word on why', async () => {
    api({ 'points.recipients': recipients({ neighbours: [] }) })
    render(<GivePointsPage />)
    await screen.findByText('12 分')
    expect(radios()).toHaveLength(1)
    expect(screen.getByText(/邻居帮您办完事、您确认完成后/)).toBeTruthy()
  })

  it.each([
    ['more than my balance', '13', '积分不足，您现在有 12 分'],
    ['not a whole number', '2.5', '积分应为整数'],
    ['zero', '0', '至少转赠 1 分'],
    ['empty', '', '请填写要转赠的积分'],
  ])('an amount %s is stopped before sending', async (_n, amount, message) => {
    api({ 'points.recipients': recipients() })
    render(<GivePointsPage />)
    await screen.findByText('12 分')
    await fill('刘志强', amount)
    expect(screen.getByText(message)).toBeTruthy()
    expect(screen.queryByText(/把 .* 分转给/)).toBeNull()
    expect(inputs('points.give')).toEqual([])
  })

  it('asks whom before going on', async () => {
    api({ 'points.recipients': recipients() })
    render(<GivePointsPage />)
    await screen.findByText('12 分')
    await type('转赠积分', '3')
    await tap(button('下一步'))
    expect(screen.getByText('请选择转给谁')).toBeTruthy()
    expect(calls.map((c) => c.action)).toEqual(['points.recipients'])
  })

  it('confirms "把 N 分转给 X？" and sends the neighbour with the note; success, then back to 我的爱心卡', async () => {
    api({ 'points.recipients': recipients(), 'points.give': view() })
    render(<GivePointsPage />)
    await screen.findByText('12 分')
    await fill('刘志强', '5', '  谢谢您帮我买米 ')
    expect(screen.getByText('把 5 分转给刘志强？')).toBeTruthy()
    expect(screen.getByText('留言：谢谢您帮我买米')).toBeTruthy()
    expect(inputs('points.give')).toEqual([])
    await tap(button('确认转赠'))
    const [sent] = inputs('points.give')
    expect(sent).toEqual({
      to: { userId: 'user-helper-liu' },
      amount: 5,
      note: '谢谢您帮我买米',
      requestId: expect.any(String),
    })
    expect(await screen.findByText('转赠成功')).toBeTruthy()
    expect(screen.getByText('您已把 5 分转给刘志强，谢谢您的爱心！')).toBeTruthy()
    await tap(button('回到我的爱心卡'))
    // Opened from the love card: back to it (it reloads when shown), not a second love card on the stack.
    expect(navigateBack).toHaveBeenCalledTimes(1)
    expect(redirectTo).not.toHaveBeenCalled()
  })

  it.each([
    ['opened on its own (a shared link)', [GIVE], 'redirect'],
    ['opened from another page', ['pages/home/index', GIVE], 'redirect'],
    ['opened from the love card, H5 routes with a leading slash', [`/${LOVE_CARD}`, `/${GIVE}`], 'back'],
  ])('回到我的爱心卡 when %s', async (_case, stack, way) => {
    pageStack.splice(0, pageStack.length, ...stack)
    api({ 'points.recipients': recipients(), 'points.give': view() })
    render(<GivePointsPage />)
    await screen.findByText('12 分')
    await fill('刘志强', '5')
    await tap(button('确认转赠'))
    await screen.findByText('转赠成功')
    await tap(button('回到我的爱心卡'))
    expect(navigateBack).toHaveBeenCalledTimes(way === 'back' ? 1 : 0)
    expect(redirectTo.mock.calls).toEqual(way === 'back' ? [] : [[{ url: `/${LOVE_CARD}` }]])
  })

  it('the fund is sent as "fund" (no note when none is written); a failure keeps the request id for the retry', async () => {
    const answers = [
      fail('DATA.CONFLICT'),
      { ok: true, data: view({ to: 'fund:cm-xinhua', amount: 12, reason: '' }) },
    ]
    api({ 'points.recipients': recipients(), 'points.give': () => answers.shift() })
    render(<GivePointsPage />)
    await screen.findByText('12 分')
    await fill('新华社区爱心基金', '12')
    expect(screen.getByText('把 12 分转给新华社区爱心基金？')).toBeTruthy()
    await tap(button('确认转赠'))
    expect(await screen.findByText(errorCopy('DATA.CONFLICT'))).toBeTruthy()
    await tap(button('重试'))
    expect(await screen.findByText('您已把 12 分捐给新华社区爱心基金，谢谢您的爱心！')).toBeTruthy()
    const sent = inputs('points.give')
    expect(sent).toHaveLength(2)
    expect(sent[0]).toEqual({ to: 'fund', amount: 12, requestId: expect.any(String) })
    expect(sent[1]).toEqual(sent[0])
  })

  it('going back to change it makes a new request for the next confirmation', async () => {
    api({ 'points.recipients': recipients(), 'points.give': fail('DATA.CONFLICT') })
    render(<GivePointsPage />)
    await screen.findByText('12 分')
    await fill('杨丽华', '2')
    await tap(button('确认转赠'))
    await screen.findByText(errorCopy('DATA.CONFLICT'))
    await tap(button('返回修改'))
    await tap(button('下一步'))
    await tap(button('确认转赠'))
    const [a, b] = inputs('points.give') as { requestId: string }[]
    expect(a?.requestId).toBeTruthy()
    expect(b?.requestId).not.toBe(a?.requestId)
  })

  it('the server refusing (not enough points) says so and refreshes the balance', async () => {
    let balance = 12
    api({ 'points.recipients': () => recipients({ balance }), 'points.give': fail('POINTS.INSUFFICIENT') })
    render(<GivePointsPage />)
    await screen.findByText('12 分')
    await fill('刘志强', '10')
    balance = 4
    await tap(button('确认转赠'))
    expect(await screen.findByText(errorCopy('POINTS.INSUFFICIENT'))).toBeTruthy()
    expect(inputs('points.recipients')).toHaveLength(2)
    await tap(button('返回修改'))
    expect(await screen.findByText('4 分')).toBeTruthy()
  })

  it('a retried gift already made says it will not be charged twice', async () => {
    api({ 'points.recipients': recipients(), 'points.give': view({ retried: true }) })
    render(<GivePointsPage />)
    await screen.findByText('12 分')
    await fill('刘志强', '5')
    await tap(button('确认转赠'))
    expect(await screen.findByText('这笔转赠已经完成了')).toBeTruthy()
    expect(screen.getByText('不会重复扣分。')).toBeTruthy()
  })

  it('with no points, 下一步 is off', async () => {
    api({ 'points.recipients': recipients({ balance: 0 }) })
    render(<GivePointsPage />)
    await screen.findByText('0 分')
    expect(screen.getByText('您现在没有积分可以转赠。')).toBeTruthy()
    expect(button('下一步').closest('taro-button-core')?.className).toContain('nut-button-disabled')
  })

  it('my love card links to it', async () => {
    api({ 'points.mine': { balance: 3, lines: [], cursor: null } })
    render(<MyPointsPage />)
    await screen.findByText('3 分')
    expect(buttons('转赠积分')).toHaveLength(1)
    await tap(button('转赠积分'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/points/pages/give/index' })
  })
})
