import type { OrderSummary } from '../../src/core/orders/api'
import { byUrgency, clockText, hazardIds, isLate, urgencyRank } from '../../src/core/orders/urgency'

const NOW = new Date('2026-12-07T02:00:00Z') // 10:00 in China
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString()
type Row = Pick<OrderSummary, 'orderId' | 'categoryId' | 'open' | 'overdue' | 'dueAt' | 'submittedAt'>
const row = (orderId: string, over: Partial<Row> = {}): Row => ({
  orderId,
  categoryId: 'street_light',
  open: true,
  overdue: false,
  dueAt: at(24 * 60),
  submittedAt: at(-60),
  ...over,
})
const H = hazardIds()

describe('inbox urgency', () => {
  it.each<[string, Partial<Row>, 0 | 1 | 2]>([
    ['marked overdue', { overdue: true }, 0],
    ['past its deadline, not yet swept', { dueAt: at(-1) }, 0],
    ['a late hazard is late first', { categoryId: 'safety', overdue: true }, 0],
    ['a hazard on time', { categoryId: 'safety' }, 1],
    ['an ordinary order', {}, 2],
    ['a closed late order is not late', { open: false, overdue: true }, 2],
  ])('%s → rank %s', (_name, over, rank) => {
    expect(urgencyRank(row('x', over), H, NOW)).toBe(rank)
  })

  it('sorts overdue first, then hazards, then by deadline (none last), then oldest', () => {
    const items = [
      row('plain-late-deadline', { dueAt: at(600) }),
      row('no-deadline', { dueAt: null }),
      row('hazard', { categoryId: 'safety', dueAt: at(50) }),
      row('plain-soon', { dueAt: at(30) }),
      row('overdue-b', { overdue: true, dueAt: at(-30) }),
      row('overdue-a', { overdue: true, dueAt: at(-300) }),
      row('same-deadline-newer', { dueAt: at(30), submittedAt: at(-10) }),
    ]
    expect(byUrgency(items, H, NOW).map((o) => o.orderId)).toEqual([
      'overdue-a',
      'overdue-b',
      'hazard',
      'plain-soon',
      'same-deadline-newer',
      'plain-late-deadline',
      'no-deadline',
    ])
    expect(items[0]?.orderId).toBe('plain-late-deadline') // a new array, the page untouched
  })

  it('knows a community’s own hazard categories besides the defaults', () => {
    const mine = hazardIds([
      { id: 'gas', name: '燃气', hint: '', hazard: true },
      { id: 'x', name: 'x', hint: '', hazard: false },
    ])
    expect([...mine].sort()).toEqual(['gas', 'safety'])
    expect(urgencyRank(row('g', { categoryId: 'gas' }), mine, NOW)).toBe(1)
  })

  it.each<[string, Partial<Row>, string | null]>([
    ['3 h 20 min left', { dueAt: at(200) }, '还剩 3 小时 20 分钟'],
    ['exactly 2 h left', { dueAt: at(120) }, '还剩 2 小时'],
    ['45 min left', { dueAt: at(45) }, '还剩 45 分钟'],
    ['seconds left', { dueAt: new Date(NOW.getTime() + 10_000).toISOString() }, '还剩 1 分钟'],
    ['40 min late', { dueAt: at(-40), overdue: true }, '已超时 40 分钟'],
    ['5 h 59 min late', { dueAt: at(-359) }, '已超时 5 小时'],
    ['late at the deadline', { dueAt: at(0) }, '已超时 1 分钟'],
    ['late, no deadline running', { dueAt: null, overdue: true }, '已超时'],
    ['no deadline', { dueAt: null }, null],
    ['closed', { open: false }, null],
  ])('%s → %s', (_name, over, text) => {
    expect(clockText(row('x', over), NOW)).toBe(text)
  })

  it('is late exactly from the deadline', () => {
    expect(isLate(row('x', { dueAt: at(0) }), NOW)).toBe(true)
    expect(isLate(row('x', { dueAt: new Date(NOW.getTime() + 1).toISOString() }), NOW)).toBe(false)
  })
})
