import {
  DonationMoves,
  DonationParties,
  donationMachine,
  HoldMoves,
  HoldParties,
  holdMachine,
  ItemMoves,
  ItemParties,
  itemMachine,
  LoanMoves,
  LoanParties,
  loanMachine,
} from '../../src/core/lending/machine'
import { DonationStatuses, HoldStatuses, ItemStatuses, LoanStatuses } from '../../src/core/lending/model'

/**
 * The expected machines, written out by hand from issue #16 §2 and ADR 0022, independently of
 * src/core/lending/machine.ts: state → "move:party→to" for every allowed combination. Everything
 * not listed is refused. Every state × move × party is asked.
 */
const HOLD: Record<string, readonly string[]> = {
  waiting: ['start:system→ready', 'cancel:holder→cancelled', 'cancel:staff→cancelled'],
  ready: [
    'collect:staff→collected',
    'collect:keeper→collected',
    'cancel:holder→cancelled',
    'cancel:staff→cancelled',
    'expire:system→expired',
  ],
  collected: [],
  cancelled: [],
  expired: [],
}
const LOAN: Record<string, readonly string[]> = {
  out: [
    'renew:borrower→out',
    'return:staff→returned',
    'return:keeper→returned',
    'forfeit:staff→returned',
    'lose:staff→lost',
  ],
  returned: [],
  lost: [],
}
const ITEM: Record<string, readonly string[]> = {
  available: ['lend:system→on_loan', 'service:staff→maintenance', 'retire:staff→retired'],
  on_loan: ['back:system→available', 'damage:system→maintenance'],
  maintenance: ['repair:staff→available', 'retire:staff→retired'],
  retired: ['restore:staff→maintenance'],
}
const DONATION: Record<string, readonly string[]> = {
  offered: ['accept:staff→accepted', 'decline:staff→declined', 'withdraw:donor→withdrawn'],
  accepted: [],
  declined: [],
  withdrawn: [],
}

function expectedOf(
  table: Record<string, readonly string[]>,
  state: string,
  move: string,
  party: string,
): string | null {
  for (const row of table[state] ?? []) {
    const [mp, to] = row.split('→')
    if (mp === `${move}:${party}`) return to ?? null
  }
  return null
}

type AnyMachine = {
  target(s: string, m: string, p: string): string | null
}
const cases = (states: readonly string[], moves: readonly string[], parties: readonly string[]) =>
  states.flatMap((s) => moves.flatMap((m) => parties.map((p) => [s, m, p] as const)))

describe.each([
  ['hold', holdMachine as unknown as AnyMachine, HOLD, HoldStatuses, HoldMoves, HoldParties],
  ['loan', loanMachine as unknown as AnyMachine, LOAN, LoanStatuses, LoanMoves, LoanParties],
  ['item', itemMachine as unknown as AnyMachine, ITEM, ItemStatuses, ItemMoves, ItemParties],
  [
    'donation',
    donationMachine as unknown as AnyMachine,
    DONATION,
    DonationStatuses,
    DonationMoves,
    DonationParties,
  ],
] as const)('the %s machine: every state × move × party', (_name, machine, table, states, moves, parties) => {
  it.each(cases(states, moves, parties))('%s --%s by %s', (s, m, p) => {
    expect(machine.target(s, m, p)).toBe(expectedOf(table, s, m, p))
  })
})

describe('guards and effects', () => {
  it('renewal: only with nobody waiting, and under the limit of 1', () => {
    expect(loanMachine.next('out', 'renew', ['borrower'], { waiting: 0, renewals: 0 })).toMatchObject({
      ok: true,
      to: 'out',
    })
    expect(loanMachine.next('out', 'renew', ['borrower'], { waiting: 1, renewals: 0 })).toEqual({
      ok: false,
      code: 'LENDING.RENEW_WAITING',
    })
    expect(loanMachine.next('out', 'renew', ['borrower'], { waiting: 0, renewals: 1 })).toEqual({
      ok: false,
      code: 'LENDING.RENEW_LIMIT',
    })
    expect(loanMachine.next('out', 'renew', ['staff'], { waiting: 0, renewals: 0 })).toEqual({
      ok: false,
      code: 'MACHINE.NOT_PARTY',
    })
    expect(loanMachine.next('returned', 'renew', ['borrower'], { waiting: 0, renewals: 0 })).toEqual({
      ok: false,
      code: 'MACHINE.NO_MOVE',
    })
  })

  it('the pledge: released by a return, kept by forfeit and lose; the queue moves after return and forfeit', () => {
    expect(loanMachine.effectsOf('return')).toEqual(['pledge_release', 'queue'])
    expect(loanMachine.effectsOf('forfeit')).toEqual(['pledge_keep', 'queue'])
    expect(loanMachine.effectsOf('lose')).toEqual(['pledge_keep'])
    expect(loanMachine.effectsOf('renew')).toEqual([])
    expect(donationMachine.effectsOf('accept')).toEqual(['award'])
  })

  it('buttons come from the same rows (a keeper may not keep a pledge)', () => {
    expect(loanMachine.movesFor('out', ['keeper'], { waiting: 0, renewals: 0 })).toEqual(['return'])
    expect(loanMachine.movesFor('out', ['staff'], { waiting: 0, renewals: 0 })).toEqual([
      'return',
      'forfeit',
      'lose',
    ])
    expect(holdMachine.movesFor('ready', ['holder'], undefined)).toEqual(['cancel'])
  })
})
