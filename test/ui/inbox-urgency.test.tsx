import { render, screen } from '@testing-library/react'
import type { OrderSummary } from '../../src/core/orders/api'
import type { Profile } from '../../src/core/me/api'
import InboxPage from '../../src/features/reports/pages/inbox/index'
import QueuePage from '../../src/features/reports/pages/queue/index'
import { resetTaroMock, router } from '../support/taro-mock'
import { api, calls } from '../support/ui-script'

// The grid worker's inbox: each card holds its own 接单, the page is shown most urgent first, every
// open order shows its clock, and a hazard says so in words as well as colour.

const NOW = Date.parse('2026-12-07T02:00:00Z')
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString()
const summary = (id: string, patch: Partial<OrderSummary> = {}): OrderSummary => ({
  orderId: id,
  categoryId: 'street_light',
  categoryName: '路灯不亮',
  summary: `工单 ${id}`,
  status: 'submitted',
  open: true,
  tier: 'grid',
  placeName: '5号楼',
  submittedAt: at(-120),
  dueAt: at(300),
  overdue: false,
  unnotified: false,
  held: false,
  reopened: false,
  onBehalf: false,
  photoCount: 0,
  ...patch,
})
const worker: Profile = {
  userId: 'w1',
  displayName: '李志强',
  roles: [{ role: 'grid_worker', scope: { streetId: 's', communityId: 'c', gridId: 'g' } }],
  household: null,
  created: false,
}

beforeEach(() => {
  resetTaroMock()
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
})
afterEach(() => jest.useRealTimers())

/** The order cards in the order drawn: each card's summary text. */
const cardOrder = () =>
  [...document.querySelectorAll('.order-card')].map((c) => c.querySelector('.t-body')?.textContent)

describe('grid worker inbox, most urgent first', () => {
  it('sorts late, then hazards, then by deadline, with a clock and 接单 inside each card', async () => {
    api({
      'me.profile': worker,
      'report.categories': {
        communityId: 'c',
        categories: [{ id: 'gas', name: '燃气异味', hint: '', hazard: true }],
      },
      'order.inbox': {
        items: [
          summary('plain-later', { dueAt: at(600) }),
          summary('gas', { categoryId: 'gas', categoryName: '燃气异味', dueAt: at(50) }),
          summary('plain-soon', { dueAt: at(90) }),
          summary('late', { dueAt: at(-185) }),
          summary('safety', { categoryId: 'safety', categoryName: '安全隐患', dueAt: at(40) }),
        ],
        cursor: null,
      },
      'stats.rates': { ok: false, error: { code: 'AUTH.FORBIDDEN', message: 'no' } },
    })
    render(<InboxPage />)
    await screen.findByText('工单 late')
    await screen.findAllByText('隐患优先')
    expect(cardOrder()).toEqual([
      '工单 late',
      '工单 safety',
      '工单 gas',
      '工单 plain-soon',
      '工单 plain-later',
    ])

    const cards = [...document.querySelectorAll('.order-card')]
    // Every open order shows its clock; the late one in red words, not colour alone.
    expect(cards.map((c) => c.querySelector('.order-clock')?.textContent)).toEqual([
      '已超时 3 小时',
      '还剩 40 分钟',
      '还剩 50 分钟',
      '还剩 1 小时 30 分钟',
      '还剩 10 小时',
    ])
    expect(cards[0]?.querySelector('.order-clock--late')).not.toBeNull()
    // Hazards: the label and the coloured edge, on both the default and the community's own hazard.
    expect(cards.map((c) => c.classList.contains('order-card--hazard'))).toEqual([
      false,
      true,
      true,
      false,
      false,
    ])
    expect(cards.map((c) => c.querySelector('.order-flag--hazard')?.textContent ?? null)).toEqual([
      null,
      '隐患优先',
      '隐患优先',
      null,
      null,
    ])
    // Each card holds exactly its own 接单, named for its order, outside the part that opens the detail.
    for (const c of cards) {
      const accept = c.querySelectorAll('taro-button-core')
      expect(accept).toHaveLength(1)
      expect(accept[0]?.closest('.order-card__open')).toBeNull()
    }
    expect(cards[1]?.querySelector('taro-button-core')?.getAttribute('aria-label')).toBe(
      '接单：安全隐患，5号楼',
    )
    expect(calls.find((c) => c.action === 'report.categories')?.input).toEqual({ communityId: 'c' })
  })

  it('opens the box the workbench asked for', async () => {
    router.params = { box: 'overdue' }
    api({
      'me.profile': worker,
      'report.categories': { communityId: 'c', categories: [] },
      'order.inbox': {
        items: [summary('late', { overdue: true, status: 'accepted', dueAt: null })],
        cursor: null,
      },
      'stats.rates': { ok: false, error: { code: 'AUTH.FORBIDDEN', message: 'no' } },
    })
    render(<InboxPage />)
    await screen.findByText('工单 late')
    expect(calls.filter((c) => c.action === 'order.inbox').map((c) => c.input)).toEqual([{ box: 'overdue' }])
    expect(document.querySelector('.order-clock')?.textContent).toBe('已超时')
  })
})

describe('supervisor queue', () => {
  it('opens the box the workbench asked for', async () => {
    router.params = { box: 'overdue' }
    api({
      'me.profile': {
        ...worker,
        roles: [{ role: 'community_admin', scope: { streetId: 's', communityId: 'c' } }],
      },
      'order.queue': { items: [summary('late', { overdue: true })], cursor: null },
      'stats.rates': { ok: false, error: { code: 'AUTH.FORBIDDEN', message: 'no' } },
    })
    render(<QueuePage />)
    await screen.findByText('工单 late')
    expect(calls.filter((c) => c.action === 'order.queue').map((c) => c.input)).toEqual([
      { level: 'community', box: 'overdue', id: 'c' },
    ])
  })
})
