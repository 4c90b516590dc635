import { render, screen, waitFor } from '@testing-library/react'
import type { ErrandCard, ErrandDetail } from '../../src/core/errands/api'
import type { ErrandMove } from '../../src/core/errands/machine'
import BoardPage from '../../src/features/errands/pages/board/index'
import MyErrandsPage from '../../src/features/errands/pages/mine/index'
import ErrandDetailPage from '../../src/features/errands/pages/detail/index'
import PostErrandPage from '../../src/features/errands/pages/index/index'
import { defaultWindow, isoOf, postProblem } from '../../src/features/errands/form'
import MyPointsPage from '../../src/features/points/pages/index/index'
import { errorCopy } from '../../src/services/error-copy'
import { navigateTo, resetTaroMock, router, showToast } from '../support/taro-mock'
import { api, button, buttons, fail, inputs, tap, type } from '../support/ui-script'

// Errand pages (post form, detail buttons from `moves`, the helper board) and the love card against a scripted `api`.

const card = (patch: Partial<ErrandCard> = {}): ErrandCard => ({
  errandId: 'er_1',
  type: 'groceries',
  typeLabel: '代买米买菜',
  text: '帮忙买一袋10斤的米',
  status: 'open',
  statusLabel: '待接单',
  windowStart: '2026-11-21T01:00:00.000Z',
  windowEnd: '2026-11-21T03:00:00.000Z',
  requesterName: '王**',
  buildingName: '3号楼',
  points: 5,
  ...patch,
})
const detail = (patch: Partial<ErrandDetail> = {}): ErrandDetail => ({
  ...card(),
  as: ['helper'],
  moves: [],
  note: null,
  helperName: null,
  address: null,
  phone: null,
  handoverCode: null,
  needsCode: false,
  acceptedAt: null,
  pickedUpAt: null,
  doneAt: null,
  confirmedAt: null,
  disputeReason: null,
  thanks: null,
  codeTriesLeft: null,
  retried: false,
  ...patch,
})

const CONFLICT = errorCopy('DATA.CONFLICT')
/** A big choice (radio) by its text: cards may say the same words. */
const radio = (text: string) => {
  const r = [...document.querySelectorAll('[aria-role="radio"]')].find((el) => el.textContent === text)
  if (!r) throw new Error(`no radio ${text}`)
  return r
}
/** The texts of the detail page's move buttons, in order. */
const moveButtons = () =>
  [...document.querySelectorAll('[aria-label="可进行的操作"] taro-button-core')].map((b) => b.textContent)

beforeEach(() => resetTaroMock())

describe('post form', () => {
  it('checks type, text and window on the phone, then posts once with a request id kept across a retry', async () => {
    let posts = 0
    api({
      'errand.post': (i: Record<string, unknown>) =>
        posts++ === 0
          ? fail('DATA.CONFLICT')
          : detail({ as: ['requester'], text: String(i.text), address: '3号楼2单元301' }),
    })
    render(<PostErrandPage />)
    await tap(button('发布'))
    await screen.findByText('请选择要帮什么忙')
    await tap(radio('代买米买菜'))
    await tap(button('发布'))
    await screen.findByText('请简单描述需要帮什么忙')
    await type('简单描述', '帮忙买一袋10斤的米')
    await type('给帮办人的备注（选填）', '  ')
    await tap(button('发布'))
    await screen.findByText(CONFLICT)
    await tap(button('发布'))
    expect(await screen.findByText('已发布，附近的帮办人在互助大厅即可看到')).toBeTruthy()
    expect(inputs('errand.post')).toHaveLength(2)
    const [first, second] = inputs('errand.post')
    expect(second).toEqual(first)
    expect(first).toEqual({
      requestId: expect.stringMatching(/^[0-9a-z]{12,}$/),
      type: 'groceries',
      text: '帮忙买一袋10斤的米',
      windowStart: expect.stringMatching(/Z$/),
      windowEnd: expect.stringMatching(/Z$/),
    })
    expect(
      Date.parse(String(first?.windowEnd)) - Date.parse(String(first?.windowStart)),
    ).toBeGreaterThanOrEqual(15 * 60_000)
    expect(screen.getByText('见面地点：3号楼2单元301')).toBeTruthy()
    await tap(button('再发一条'))
    await tap(radio('其他'))
    await type('简单描述', '帮忙看一下门')
    await type('见面地点', '小区东门')
    await tap(button('发布'))
    await screen.findByText(/^已发布/)
    const third = inputs('errand.post')[2]
    expect(third?.requestId).not.toEqual(first?.requestId)
    expect(third?.meetingPoint).toBe('小区东门')
  })

  it('window rules in China time', () => {
    const now = new Date('2026-11-21T01:10:00.000Z') // 09:10 in China
    const w = defaultWindow(now)
    expect(w).toEqual({ date: '2026-11-21', start: '10:00', end: '12:00' })
    expect(isoOf('2026-11-21', '10:00')).toBe('2026-11-21T02:00:00.000Z')
    const d = { type: 'parcel' as const, text: '取快递', meetingPoint: '我家', note: '', ...w }
    expect(postProblem(d, now, 0)).toBeNull()
    expect(postProblem({ ...d, start: '08:00' }, now, 0)).toBe('开始时间已经过去了，请重新选择')
    expect(postProblem({ ...d, end: '09:59' }, now, 0)).toBe('结束时间应晚于开始时间')
    expect(postProblem({ ...d, end: '10:10' }, now, 0)).toMatch(/至少 15 分钟/)
    expect(postProblem({ ...d, start: '06:00', date: '2026-11-22', end: '19:00' }, now, 0)).toMatch(
      /不能超过 12 小时/,
    )
    expect(postProblem({ ...d, date: '2026-11-30' }, now, 0)).toMatch(/7 天内/)
    expect(postProblem({ ...d, text: 'x'.repeat(101) }, now, 0)).toMatch(/100 个字/)
    expect(postProblem({ ...d, type: 'child_pickup' }, now, 0)).toBe('代接送小孩请先选择信任的帮办人')
    expect(postProblem({ ...d, type: 'child_pickup' }, now, 1)).toBeNull()
  })

  it('child pickup: picks trusted helpers first, then shows the handover code', async () => {
    const none = { approved: [], candidates: [{ userId: 'u_h1', name: '李建国', partyMember: true }] }
    api({
      'errand.trusted': none,
      'errand.trust': (i: Record<string, unknown>) => ({
        ...none,
        approved: (i.helperIds as string[]).map((id) => ({ userId: id, name: '李建国' })),
      }),
      'errand.post': detail({
        type: 'child_pickup',
        typeLabel: '代接送小孩',
        as: ['requester'],
        handoverCode: '4821',
        needsCode: true,
      }),
    })
    render(<PostErrandPage />)
    await tap(radio('代接送小孩'))
    await type('简单描述', '放学接孩子回家')
    await screen.findByText('李建国（党员）')
    await tap(button('发布'))
    await screen.findByText('代接送小孩请先选择信任的帮办人')
    expect(inputs('errand.post')).toHaveLength(0)
    await tap(screen.getByText('李建国（党员）'))
    await tap(button('保存信任的帮办人'))
    await screen.findByText('已保存信任的帮办人')
    expect(inputs('errand.trust')).toEqual([{ helperIds: ['u_h1'] }])
    await tap(button('发布'))
    expect(await screen.findByText('4821')).toBeTruthy()
    expect(inputs('errand.post')[0]?.type).toBe('child_pickup')
  })
})

describe('errand detail', () => {
  beforeEach(() => {
    router.params = { id: 'er_1' }
  })

  it.each<[string, Partial<ErrandDetail>, string[]]>([
    ['a helper on an open errand', { moves: ['accept'] }, ['我来帮忙（接单）']],
    ['the requester of an open errand', { as: ['requester'], moves: ['cancel'] }, ['取消这条互助']],
    [
      'the helper of an accepted errand',
      { status: 'accepted', moves: ['release', 'start', 'done'] },
      ['放弃接单', '开始帮忙', '已办完'],
    ],
    [
      'the helper of an accepted child pickup',
      { type: 'child_pickup', status: 'accepted', needsCode: true, moves: ['release', 'start'] },
      ['放弃接单', '已接到孩子（输入交接码）'],
    ],
    [
      'the requester of a done errand',
      { as: ['requester'], status: 'done', moves: ['confirm', 'dispute'] },
      ['确认完成', '有异议'],
    ],
    [
      'a grid worker on a disputed errand',
      { as: ['grid_worker'], status: 'disputed', moves: ['settle', 'close'] },
      ['认定完成（发放积分）', '关闭异议（不发积分）'],
    ],
    [
      'the requester of a confirmed errand (thanks only)',
      { as: ['requester'], status: 'confirmed', moves: [] },
      ['感谢帮办人'],
    ],
    ['anyone with no moves', { status: 'confirmed', moves: [] }, []],
  ])('%s gets exactly its buttons', async (_who, patch, expected) => {
    api({ 'errand.get': detail(patch) })
    render(<ErrandDetailPage />)
    await screen.findByText('帮忙买一袋10斤的米')
    expect(moveButtons()).toEqual(expected)
  })

  it('shows the address only once the API returns it (after accepting)', async () => {
    api({
      'errand.get': detail({ moves: ['accept'] }),
      'errand.accept': detail({
        status: 'accepted',
        statusLabel: '已接单',
        moves: ['release', 'start', 'done'] as ErrandMove[],
        helperName: '李建国',
        address: '3号楼2单元301',
        phone: '13800000001',
      }),
    })
    render(<ErrandDetailPage />)
    await screen.findByText('接单后可以看到详细地址和联系电话')
    expect(screen.queryByText(/见面地点/)).toBeNull()
    await tap(button('我来帮忙（接单）'))
    await screen.findByText('见面地点：3号楼2单元301')
    expect(screen.getByText('联系电话：13800000001')).toBeTruthy()
    expect(moveButtons()).toEqual(['放弃接单', '开始帮忙', '已办完'])
  })

  it('a lost race says 已被其他邻居接单 and reloads', async () => {
    let gets = 0
    api({
      'errand.get': () =>
        gets++ === 0
          ? detail({ moves: ['accept'] })
          : detail({ status: 'accepted', statusLabel: '已接单', helperName: '张**' }),
      'errand.accept': fail('ERRAND.TAKEN'),
    })
    render(<ErrandDetailPage />)
    await tap(await screen.findByText('我来帮忙（接单）'))
    await screen.findByText('已被其他邻居接单')
    await screen.findByText('帮办人：张**')
    expect(moveButtons()).toEqual([])
  })

  it('child pickup start asks for the handover code and sends it', async () => {
    api({
      'errand.get': detail({
        type: 'child_pickup',
        typeLabel: '代接送小孩',
        status: 'accepted',
        needsCode: true,
        codeTriesLeft: 5,
        moves: ['release', 'start'],
      }),
      'errand.start': (i: Record<string, unknown>) =>
        i.code === '4821'
          ? detail({ type: 'child_pickup', status: 'in_progress', moves: ['done'] })
          : fail('ERRAND.CODE_WRONG'),
    })
    render(<ErrandDetailPage />)
    await tap(await screen.findByText('已接到孩子（输入交接码）'))
    await screen.findByText('家长给学校的 4–6 位数字，还可以输入 5 次')
    await type('交接码', '12')
    await tap(button('确认接到'))
    await screen.findByText('请输入 4–6 位数字交接码')
    expect(inputs('errand.start')).toHaveLength(0)
    await type('交接码', '1111')
    await tap(button('确认接到'))
    await screen.findByText('交接码不正确，请核对后再试')
    await type('交接码', '4821')
    await tap(button('确认接到'))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '交接码正确，已接到孩子', icon: 'none' }),
    )
    expect(inputs('errand.start').at(-1)).toEqual({ errandId: 'er_1', code: '4821' })
    expect(moveButtons()).toEqual(['已送到家'])
  })

  it('dispute needs a reason', async () => {
    api({
      'errand.get': detail({ as: ['requester'], status: 'done', moves: ['confirm', 'dispute'] }),
      'errand.dispute': (i: Record<string, unknown>) =>
        detail({ as: ['requester'], status: 'disputed', disputeReason: String(i.reason) }),
    })
    render(<ErrandDetailPage />)
    await tap(await screen.findByText('有异议'))
    await tap(button('提交异议'))
    await screen.findByText('请说明有什么问题')
    await type('异议原因', '米没有送到')
    await tap(button('提交异议'))
    await screen.findByText('异议原因：米没有送到')
    expect(inputs('errand.dispute')).toEqual([{ errandId: 'er_1', reason: '米没有送到' }])
  })

  it('the requester thanks a confirmed errand once', async () => {
    api({
      'errand.get': detail({ as: ['requester'], status: 'confirmed', helperName: '李建国' }),
      'errand.thank': (i: Record<string, unknown>) =>
        detail({ as: ['requester'], status: 'confirmed', thanks: String(i.note) }),
    })
    render(<ErrandDetailPage />)
    await tap(await screen.findByText('感谢帮办人'))
    await tap(button('送出感谢'))
    await screen.findByText('请写一句感谢的话')
    await type('感谢的话', '谢谢李师傅！')
    await tap(button('送出感谢'))
    await screen.findByText('感谢留言：谢谢李师傅！')
    // Where the helper reads it, not a delivery claim: the thanks waits on their 志愿服务资料.
    expect(showToast).toHaveBeenCalledWith({
      title: '感谢已留下，帮办人在“志愿服务资料”里能看到',
      icon: 'none',
    })
    expect(inputs('errand.thank')).toEqual([{ errandId: 'er_1', note: '谢谢李师傅！' }])
    expect(moveButtons()).toEqual([])
  })
})

describe('helper board', () => {
  it('filters by type, and a lost accept race shows 已被其他邻居接单 and reloads the board', async () => {
    let boards = 0
    api({
      'errand.board': () => ({ items: boards++ < 2 ? [card()] : [], cursor: null }),
      'errand.accept': fail('ERRAND.TAKEN'),
    })
    render(<BoardPage />)
    await screen.findByText('帮忙买一袋10斤的米')
    const list = document.querySelector('[aria-role="list"][aria-label="待接单的互助"]') as HTMLElement
    expect([...list.children].every((c) => c.getAttribute('aria-role') === 'listitem')).toBe(true)
    await tap(radio('代买米买菜'))
    await screen.findByText('帮忙买一袋10斤的米')
    expect(inputs('errand.board')).toEqual([{}, { type: 'groceries' }])
    await tap(button('接单：代买米买菜'))
    await screen.findByText('已被其他邻居接单')
    await screen.findByText('现在没有需要帮忙的互助，谢谢您的热心！')
    expect(navigateTo).not.toHaveBeenCalled()
  })

  it('a won accept opens the detail', async () => {
    api({
      'errand.board': { items: [card()], cursor: null },
      'errand.accept': detail({ status: 'accepted', moves: ['release'] }),
    })
    render(<BoardPage />)
    await tap(await screen.findByText('接单：代买米买菜'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/errands/pages/detail/index?id=er_1' })
  })
})

describe('my errands', () => {
  it('shows me as the requester of my own errands, not my masked name; others stay masked', async () => {
    api({
      'errand.mine': (i: Record<string, unknown>) => ({
        items: [i.as === 'requester' ? card() : card({ errandId: 'er_2', requesterName: '李**' })],
        cursor: null,
      }),
    })
    render(<MyErrandsPage />)
    await screen.findByText('3号楼 · 我 · 完成可得 5 爱心积分')
    expect(screen.queryByText(/王\*\*/)).toBeNull()
    await tap(screen.getByText('我帮忙的'))
    await screen.findByText('3号楼 · 李** · 完成可得 5 爱心积分')
  })
})

describe('love card', () => {
  it('shows the balance and pages through ledger lines with their causes', async () => {
    const line = (n: number, delta: number) => ({
      transferId: `t${n}`,
      at: '2026-11-21T02:00:00.000Z',
      delta,
      balanceAfter: 10,
      cause: `errand:er_${n}`,
      kind: 'errand',
      label: '邻里互助',
      reason: `代买米买菜 ${n}`,
      reverses: null,
    })
    api({
      'points.mine': (i: Record<string, unknown>) =>
        i.cursor
          ? { balance: 10, lines: [line(2, -5)], cursor: null }
          : { balance: 10, lines: [line(1, 5)], cursor: 'c1' },
    })
    render(<MyPointsPage />)
    await screen.findByText('10 分')
    expect(screen.getByText('邻里互助：代买米买菜 1')).toBeTruthy()
    expect(screen.getByText('+5')).toBeTruthy()
    await tap(button('加载更多'))
    await screen.findByText('−5')
    expect(inputs('points.mine')).toEqual([{}, { cursor: 'c1' }])
    expect(buttons('加载更多')).toHaveLength(0)
  })
})
