import { isDomainError } from '../../src/core/errors'
import {
  auditDifferences,
  correctionOf,
  planTransfer,
  type TransferRequest,
} from '../../src/core/points/ledger'
import {
  Causes,
  isCause,
  issuanceAccount,
  mayGoNegative,
  personAccount,
  fundAccount,
  type TransferRecord,
} from '../../src/core/points/model'
import { thrownCode as codeOf } from '../support/builders'
import { mulberry32 } from '../../emulator/seed/random'

const NOW = new Date('2026-05-01T02:00:00Z')
/** The id the store would draw for a new transfer (opaque, ADR 0016). */
const TID = 'tr_aaaabbbbccccddddeeee'
const req = (over: Partial<TransferRequest> = {}): TransferRequest => ({
  cause: Causes.errand('e1'),
  from: issuanceAccount('cm-x'),
  to: personAccount('u1'),
  amount: 5,
  reason: '',
  communityId: 'cm-x',
  by: 'system',
  ...over,
})

describe('planTransfer', () => {
  it.each([
    ['zero amount', req({ amount: 0 }), 0, 'POINTS.BAD_AMOUNT'],
    ['negative amount', req({ amount: -3 }), 0, 'POINTS.BAD_AMOUNT'],
    ['fraction', req({ amount: 1.5 }), 0, 'POINTS.BAD_AMOUNT'],
    ['huge', req({ amount: 10_001 }), 0, 'POINTS.BAD_AMOUNT'],
    [
      'to oneself',
      req({ from: personAccount('u1'), cause: Causes.gift('u1', 'r1234567') }),
      100,
      'POINTS.SAME_ACCOUNT',
    ],
    [
      'award without reason',
      req({ cause: Causes.award('a', 'r1234567'), reason: '  ' }),
      0,
      'POINTS.REASON_REQUIRED',
    ],
    ['bad cause', req({ cause: 'errand:a:b:c:d' }), 0, 'POINTS.BAD_CAUSE'],
    [
      'person overdraws',
      req({ from: personAccount('u2'), cause: Causes.gift('u2', 'r1234567'), amount: 6 }),
      5,
      'POINTS.INSUFFICIENT',
    ],
    [
      'person spends exactly all',
      req({ from: personAccount('u2'), cause: Causes.gift('u2', 'r1234567'), amount: 5 }),
      5,
      'OK',
    ],
    ['issuance may go negative', req(), 0, 'OK'],
  ])('%s → %s', (_name, r, fromBalance, code) => {
    expect(codeOf(() => planTransfer(r, fromBalance, 0, NOW, TID))).toBe(code)
  })

  it('writes two opposite entries with the balances after, under the id the store drew', () => {
    const plan = planTransfer(req({ amount: 7 }), -10, 3, NOW, TID)
    expect(plan.transfer._id).toBe(TID)
    expect(plan.entries.map((e) => [e.account, e.delta, e.balanceAfter])).toEqual([
      ['issuance:cm-x', -7, -17],
      ['u:u1', 7, 10],
    ])
    expect(plan.entries[0]._id).not.toBe(plan.entries[1]._id)
  })

  it('a correction reverses the original with the same amount and its own cause', () => {
    const original = planTransfer(req({ amount: 9 }), 0, 0, NOW, TID).transfer
    const c = correctionOf(original, '误操作', 'admin')
    expect(c).toMatchObject({
      from: 'u:u1',
      to: 'issuance:cm-x',
      amount: 9,
      reverses: original._id,
      cause: `correction:${original._id}`,
    })
    expect(isCause(c.cause)).toBe(true)
    expect(codeOf(() => planTransfer({ ...c, reason: '' }, 9, 0, NOW, TID))).toBe('POINTS.REASON_REQUIRED')
  })

  it('knows a valid cause (a correction names an opaque transfer id)', () => {
    const causes = [
      'errand:a',
      'activity:a:b',
      'award:a:b',
      'gift:a:b',
      'correction:tr_aaaabbbbccccddddeeee',
      'correction:tr_errand_a',
      'wish:a_b',
      'wish:a-b',
    ]
    expect(causes.every(isCause)).toBe(true)
    expect(
      ['errand:a.b', 'correction:x', 'correction:tr.award.a.b', 'errand', 'nope:a', 'errand:'].some(isCause),
    ).toBe(false)
  })
})

/** An in-memory store applying plans exactly as the repo does (read balances, plan, write all). */
class MemoryLedger {
  /** By cause: the store's unique `cause` index. */
  readonly transfers = new Map<string, TransferRecord>()
  readonly entries: { account: string; delta: number }[] = []
  readonly balances = new Map<string, number>()
  apply(r: TransferRequest): 'paid' | 'retried' | string {
    if (this.transfers.has(r.cause)) return 'retried'
    try {
      const id = `tr_mem${this.transfers.size}`
      const plan = planTransfer(r, this.balances.get(r.from) ?? 0, this.balances.get(r.to) ?? 0, NOW, id)
      this.transfers.set(plan.transfer.cause, plan.transfer)
      this.entries.push(...plan.entries)
      for (const [a, b] of Object.entries(plan.balances)) this.balances.set(a, b)
      return 'paid'
    } catch (e) {
      if (isDomainError(e)) return e.code
      throw e
    }
  }
}

describe('ledger invariants (seeded random sequences)', () => {
  const people = ['u1', 'u2', 'u3', 'u4'].map(personAccount)
  const accounts = [...people, fundAccount('cm-x'), issuanceAccount('cm-x'), 'market:cm-x' as const]

  it.each([1, 2, 3, 42, 1234, 99991])(
    'seed %i: sum of entries = sum of balances = 0, none negative, causes idempotent',
    (seed) => {
      const rand = mulberry32(seed)
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
      const ledger = new MemoryLedger()
      const causes: TransferRequest[] = []
      let n = 0
      for (let step = 0; step < 400; step += 1) {
        const roll = rand()
        let r: TransferRequest
        if (roll < 0.15 && causes.length > 0) {
          r = pick(causes) // a retry of an earlier cause: must change nothing
        } else if (roll < 0.25 && ledger.transfers.size > 0) {
          r = correctionOf(pick([...ledger.transfers.values()]), '更正', 'admin')
        } else {
          const from = roll < 0.45 ? issuanceAccount('cm-x') : pick(accounts)
          const kinds = [
            Causes.errand(`e${n}`),
            Causes.gift('g', `r${n}x`),
            Causes.redemption(`v${n}`),
            Causes.award('a', `q${n}`),
          ]
          r = {
            cause: pick(kinds),
            from,
            to: pick(accounts),
            amount: Math.floor(rand() * 40) - 5,
            reason: '原因',
            communityId: 'cm-x',
            by: 'x',
          }
          n += 1
        }
        const before = { entries: ledger.entries.length, balances: new Map(ledger.balances) }
        const outcome = ledger.apply(r)
        if (outcome === 'paid') causes.push(r)
        else expect(ledger.entries.length).toBe(before.entries) // refused or retried: nothing changed
        if (outcome !== 'paid') expect(ledger.balances).toEqual(before.balances)
        for (const [a, b] of ledger.balances) if (!mayGoNegative(a)) expect(b).toBeGreaterThanOrEqual(0)
      }
      const sumEntries = ledger.entries.reduce((s, e) => s + e.delta, 0)
      const sumBalances = [...ledger.balances.values()].reduce((s, b) => s + b, 0)
      expect(sumEntries).toBe(0)
      expect(sumBalances).toBe(sumEntries)
      expect(ledger.entries).toHaveLength(ledger.transfers.size * 2)
      expect(auditDifferences(ledger.entries, ledger.balances)).toEqual([])
      expect(ledger.transfers.size).toBeGreaterThan(50) // the sequence did real work
    },
  )

  it('the audit reports a tampered balance and a missing account', () => {
    const entries = [
      { account: 'u:a', delta: 5 },
      { account: 'issuance:c', delta: -5 },
    ]
    expect(
      auditDifferences(
        entries,
        new Map([
          ['u:a', 6],
          ['issuance:c', -5],
        ]),
      ),
    ).toEqual([{ account: 'u:a', cached: 6, computed: 5 }])
    expect(auditDifferences(entries, new Map([['u:a', 5]]))).toEqual([
      { account: 'issuance:c', cached: 0, computed: -5 },
    ])
  })
})
