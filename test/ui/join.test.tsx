import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { MyJoin } from '../../src/core/join/api'
import type { HouseholdSummary, Profile } from '../../src/core/me/api'
import JoinPage from '../../src/pages/join/index'
import { setElderMode } from '../../src/hooks/elder-mode'
import { useTransport } from '../../src/services/cloud'
import Taro, { navigateTo, resetTaroMock, router } from '../support/taro-mock'
import { householdSummary } from '../support/ui-fixtures'

// The join page against a scripted `api`: who sees the form, what is submitted, and elder mode
// measured with the app's real stylesheets.

const switchTab = jest.fn(async (_o: { url: string }) => ({ errMsg: 'switchTab:ok' }))
const redirectTo = jest.fn(async (_o: { url: string }) => ({ errMsg: 'redirectTo:ok' }))
Object.assign(Taro, { switchTab, redirectTo })

const home = householdSummary()
const profile = (household: HouseholdSummary | null): Profile => ({
  userId: 'u1',
  displayName: '王秀英',
  roles: [],
  household,
  created: false,
})
const pending: MyJoin = {
  joinId: 'j1',
  status: 'pending',
  gridName: '新华社区第1网格',
  buildingName: '2号楼',
  unitName: '1单元',
  room: '702',
  reason: null,
  move: false,
  moves: ['cancel'],
}
const target = {
  street: { id: 'st', name: '东街道' },
  community: { id: 'cm', name: '新华社区', joinPolicy: 'grid_worker' },
  grid: { id: 'gr', name: '新华社区第1网格' },
  building: { id: 'bd', name: '1号楼' },
}

let calls: { action: string; input: unknown }[] = []
function api(answers: Record<string, unknown>) {
  calls = []
  useTransport(async (_name, data) => {
    const { action, input } = data as { action: string; input: unknown }
    calls.push({ action, input })
    if (!(action in answers)) throw new Error(`unexpected ${action}`)
    const a = answers[action]
    return a && typeof a === 'object' && 'ok' in a ? a : { ok: true, data: a }
  })
}

/** A tap, with React's updates flushed (find the element first, outside act). */
const tap = (el: Element) =>
  act(async () => {
    fireEvent.click(el)
  })

/** Types into a Field: Taro's H5 <Input> reports `input` events with `detail.value`. */
const type = (label: string, value: string) =>
  act(async () => {
    const input = document.querySelector(`taro-input-core[aria-label="${label}"]`)
    if (!input) throw new Error(`no field ${label}`)
    input.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })

beforeEach(() => {
  resetTaroMock()
  setElderMode(false)
  switchTab.mockClear()
})

describe('join page', () => {
  it('shows members where they live, with links home and to their household, instead of the form', async () => {
    api({ 'me.profile': profile(home), 'join.mine': null })
    render(<JoinPage />)
    await screen.findByText(/您已加入新华社区第1网格 1号楼/)
    expect(screen.queryByText('隐私保护指引')).toBeNull()
    fireEvent.click(screen.getByText('返回首页'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' })
    fireEvent.click(screen.getByText('我的家庭'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/mine/pages/household/index' })
  })

  it('lets a member start a move; the request says move: true', async () => {
    router.params = { scene: 'b%3DABCDEFGH' }
    api({
      'me.profile': profile(home),
      'join.mine': null,
      'code.resolve': target,
      'join.options': [{ id: 'unit-2', name: '2单元' }],
    })
    render(<JoinPage />)
    await screen.findByText(/您已加入/)
    await tap(screen.getByText('迁移到扫码的楼栋'))
    await screen.findByText(/申请迁移：审核通过后，您将从1号楼1单元 302室迁入新的家庭/)
    await tap(screen.getByText('同意并继续'))
    await tap(await screen.findByText('2单元'))
    api({ 'join.submit': { ...pending, move: true } })
    await type('房号', '702')
    await type('姓名', '王秀英')
    await tap(screen.getByText('提交迁移申请'))
    await screen.findByText('迁移申请已提交，等待审核')
    expect(calls).toEqual([
      {
        action: 'join.submit',
        input: expect.objectContaining({
          unitId: 'unit-2',
          room: '702',
          name: '王秀英',
          scene: 'b%3DABCDEFGH',
          move: true,
          consent: true,
        }),
      },
    ])
  })

  it('passes the scanned scene with a newcomer’s request', async () => {
    router.params = { scene: 'g%3DABCDEFGH' }
    api({
      'me.profile': profile(null),
      'join.mine': null,
      'code.resolve': { ...target, building: null },
      'join.options': [{ id: 'bd', name: '1号楼' }],
    })
    render(<JoinPage />)
    await tap(await screen.findByText('同意并继续'))
    api({ 'join.options': [{ id: 'unit-1', name: '1单元' }] })
    await tap(await screen.findByText('1号楼'))
    await tap(await screen.findByText('1单元'))
    api({ 'join.submit': pending })
    await type('房号', '702')
    await type('姓名', '吴春梅')
    await tap(screen.getByText('提交申请'))
    await screen.findByText('已提交，等待网格员审核')
    const submitted = calls.find((c) => c.action === 'join.submit')?.input as Record<string, unknown>
    expect(submitted).toMatchObject({ scene: 'g%3DABCDEFGH', unitId: 'unit-1' })
    expect(submitted).not.toHaveProperty('move')
  })

  it('lets the applicant withdraw a pending request', async () => {
    api({ 'me.profile': profile(null), 'join.mine': pending })
    render(<JoinPage />)
    await screen.findByText('已提交，等待网格员审核')
    api({ 'join.cancel': { ...pending, status: 'cancelled', moves: [] } })
    await tap(screen.getByText('撤回申请'))
    await screen.findByText('隐私保护指引')
    expect(calls).toEqual([{ action: 'join.cancel', input: { joinId: 'j1' } }])
  })

  it('offers no withdraw when the function says the request cannot be withdrawn', async () => {
    api({ 'me.profile': profile(null), 'join.mine': { ...pending, moves: [] } })
    render(<JoinPage />)
    await screen.findByText('已提交，等待网格员审核')
    expect(screen.queryByText('撤回申请')).toBeNull()
  })

  it('explains a refused name in Chinese and keeps the form', async () => {
    router.params = { scene: 'b%3DABCDEFGH' }
    api({
      'me.profile': profile(null),
      'join.mine': null,
      'code.resolve': target,
      'join.options': [{ id: 'unit-1', name: '1单元' }],
    })
    render(<JoinPage />)
    await tap(await screen.findByText('同意并继续'))
    await tap(await screen.findByText('1单元'))
    api({ 'join.submit': { ok: false, error: { code: 'CONTENT.RISKY', message: 'risky' } } })
    await type('房号', '702')
    await type('姓名', '某某')
    await tap(screen.getByText('提交申请'))
    await screen.findByText('内容含有不当信息，请修改后再提交')
    expect(document.querySelector('taro-input-core[aria-label="姓名"]')).not.toBeNull()
  })

  it('names the field of a bad phone number, checked before anything is sent, and clears it when edited', async () => {
    router.params = { scene: 'b%3DABCDEFGH' }
    api({
      'me.profile': profile(null),
      'join.mine': null,
      'code.resolve': target,
      'join.options': [{ id: 'unit-1', name: '1单元' }],
    })
    render(<JoinPage />)
    await tap(await screen.findByText('同意并继续'))
    await tap(await screen.findByText('1单元'))
    api({ 'join.submit': pending })
    await type('房号', '702')
    await type('姓名', '吴春梅')
    await type('手机号（选填）', '1381234')
    await tap(screen.getByText('提交申请'))
    await screen.findByText('请填写 11 位手机号')
    expect(screen.queryByText(/填写的内容有误/)).toBeNull()
    expect(calls.filter((c) => c.action === 'join.submit')).toEqual([])
    await type('手机号（选填）', '13812345678')
    expect(screen.queryByText('请填写 11 位手机号')).toBeNull()
    await tap(screen.getByText('提交申请'))
    await screen.findByText('已提交，等待网格员审核')
  })
})

describe('join page in elder mode', () => {
  const root = path.join(__dirname, '..', '..')
  /** The app's real styles (tokens, elder rules, components, the page), compiled with sass. */
  const css = [
    'src/app.scss',
    'src/components/Field.scss',
    'src/components/ChoiceList.scss',
    'src/pages/join/index.scss',
  ]
    .map((f) =>
      execFileSync(
        process.execPath,
        [path.join(root, 'node_modules/sass/sass.js'), '--no-source-map', path.join(root, f)],
        { encoding: 'utf8' },
      ),
    )
    .join('\n')
  const style = document.createElement('style')
  style.textContent = css

  /** jsdom resolves declared styles but not inheritance: the nearest declared font-size up the tree. */
  const fontSize = (el: Element | null): number => {
    for (let e = el; e; e = e.parentElement) {
      const size = getComputedStyle(e).fontSize
      if (size) return parseFloat(size)
    }
    return 0
  }

  function measure(main: HTMLElement) {
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT)
    const texts: { text: string; size: number; muted: boolean }[] = []
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim()
      if (!text) continue
      const parent = n.parentElement as Element
      texts.push({
        text,
        size: fontSize(parent),
        muted: !!parent.closest('.t-muted, .field__hint, .field__error'),
      })
    }
    const targets = Array.from(
      main.querySelectorAll<HTMLElement>(
        'taro-button-core, taro-input-core, button, [role="radio"], [aria-role="radio"]',
      ),
    ).map((t) => ({
      what: t.textContent?.trim() || t.getAttribute('aria-label') || t.tagName,
      minHeight: parseFloat(getComputedStyle(t.closest('.btn') ?? t).minHeight || '0'),
      minWidth: parseFloat(getComputedStyle(t.closest('.btn') ?? t).minWidth || '0'),
    }))
    return { texts, targets }
  }

  function expectElder(main: HTMLElement) {
    // jsdom orders rules by sheet position only (no specificity): our sheet must come after the
    // component styles Taro injects on first use, as its more specific selectors do in a browser.
    document.head.appendChild(style)
    expect(main.className).toMatch(/\belder\b/)
    const { texts, targets } = measure(main)
    expect(texts.length).toBeGreaterThan(0)
    expect(targets.length).toBeGreaterThan(0)
    for (const t of texts) {
      // Body text ≥ 18pt (24px); secondary notes at least 20px.
      expect({ text: t.text, ok: t.size >= (t.muted ? 20 : 24) }).toEqual({ text: t.text, ok: true })
    }
    for (const t of targets)
      expect({ what: t.what, ok: t.minHeight >= 60 && t.minWidth >= 60 }).toEqual({ what: t.what, ok: true })
  }

  it('uses ≥ 24px body text and ≥ 60px targets at every step', async () => {
    setElderMode(true)
    api({
      'me.profile': profile(null),
      'join.mine': null,
      'code.resolve': target,
      'join.options': [{ id: 'unit-1', name: '1单元' }],
    })
    router.params = { scene: 'b%3DABCDEFGH' }
    const { unmount } = render(<JoinPage />)
    await screen.findByText('隐私保护指引')
    expectElder(screen.getByLabelText('加入网格'))
    await tap(screen.getByText('同意并继续'))
    await tap(await screen.findByText('1单元'))
    await screen.findByText('房号')
    expectElder(screen.getByLabelText('加入网格'))
    unmount()

    router.params = {}
    api({ 'me.profile': profile(home), 'join.mine': null })
    render(<JoinPage />)
    await screen.findByText(/您已加入/)
    await waitFor(() => expectElder(screen.getByLabelText('加入网格')))
  })
})

describe('join page with a dead code', () => {
  it('shows the invalid-code page even to a member', async () => {
    router.params = { scene: 'b%3DZZZZZZZZ' }
    api({
      'me.profile': profile(home),
      'join.mine': null,
      'code.resolve': { ok: false, error: { code: 'JOIN.CODE_INVALID', message: 'x' } },
    })
    render(<JoinPage />)
    await screen.findByText('该二维码已失效')
    expect(screen.queryByText(/您已加入/)).toBeNull()
  })
})
