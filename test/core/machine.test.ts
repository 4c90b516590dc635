import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { signupMachine } from '../../src/core/activities/rules'
import { errandMachine } from '../../src/core/errands/machine'
import { joinMachine } from '../../src/core/join/machine'
import { defineMachine, NoMove, NotParty } from '../../src/core/machine'
import { voucherMachine } from '../../src/core/market/machine'
import { orderMachine } from '../../src/core/orders/machine'

/** A door: closed ⇄ open by anyone inside; locked only by the keeper, and only with the key. */
type Door = 'closed' | 'open' | 'locked'
type DoorMove = 'open' | 'close' | 'lock' | 'unlock' | 'paint'
type Who = 'guest' | 'keeper' | 'system'
interface DoorCtx {
  readonly key: boolean
  readonly wet: boolean
}

const door = defineMachine<Door, DoorMove, Who, DoorCtx, 'log' | 'alarm'>({
  states: ['closed', 'open', 'locked'],
  moves: ['open', 'close', 'lock', 'unlock', 'paint'],
  parties: ['guest', 'keeper', 'system'],
  rows: [
    { from: ['closed'], move: 'open', to: 'open', parties: ['guest', 'keeper'] },
    { from: ['open'], move: 'close', to: 'closed', parties: ['guest', 'keeper', 'system'] },
    {
      from: ['closed'],
      move: 'lock',
      to: 'locked',
      parties: ['keeper'],
      when: (c) => c.key || 'DOOR.NO_KEY',
      effects: ['log'],
    },
    {
      from: ['locked'],
      move: 'unlock',
      to: 'closed',
      parties: ['keeper'],
      when: (c) => c.key || 'DOOR.NO_KEY',
      effects: ['log', 'alarm'],
    },
    // Paint only a dry door: a wet one is as if the move did not exist.
    { from: ['closed', 'open'], move: 'paint', to: 'closed', parties: ['guest'], when: (c) => !c.wet },
  ],
})
const dry = { key: true, wet: false }

describe('defineMachine: next', () => {
  it('takes a row the caller is a party to, with its effects', () => {
    expect(door.next('closed', 'open', 'guest', dry)).toEqual({ ok: true, to: 'open', effects: [] })
    expect(door.next('closed', 'lock', ['guest', 'keeper'], dry)).toEqual({
      ok: true,
      to: 'locked',
      effects: ['log'],
    })
  })

  it('refuses a move that does not leave the state with NoMove, whoever asks', () => {
    expect(door.next('locked', 'open', 'keeper', dry)).toEqual({ ok: false, code: NoMove })
    expect(door.next('open', 'open', 'guest', dry)).toEqual({ ok: false, code: NoMove })
  })

  it('refuses a move that exists for others with NotParty', () => {
    expect(door.next('closed', 'lock', 'guest', dry)).toEqual({ ok: false, code: NotParty })
    expect(door.next('closed', 'open', [], dry)).toEqual({ ok: false, code: NotParty })
  })

  it('answers the guard code of the caller’s row', () => {
    expect(door.next('closed', 'lock', 'keeper', { key: false, wet: false })).toEqual({
      ok: false,
      code: 'DOOR.NO_KEY',
    })
  })

  it('checks the party before the guard: a stranger is not told about the key', () => {
    expect(door.next('closed', 'lock', 'guest', { key: false, wet: false })).toEqual({
      ok: false,
      code: NotParty,
    })
  })

  it('treats a guard answering false as no row at all', () => {
    expect(door.next('open', 'paint', 'guest', { key: false, wet: true })).toEqual({
      ok: false,
      code: NoMove,
    })
    expect(door.next('open', 'paint', 'keeper', { key: false, wet: true })).toEqual({
      ok: false,
      code: NoMove,
    })
    expect(door.next('open', 'paint', 'keeper', dry)).toEqual({ ok: false, code: NotParty })
  })
})

describe('defineMachine: derived questions', () => {
  it('movesFor lists what the parties may do now, in the order of moves', () => {
    expect(door.movesFor('closed', 'keeper', dry)).toEqual(['open', 'lock'])
    expect(door.movesFor('closed', 'keeper', { key: false, wet: false })).toEqual(['open'])
    expect(door.movesFor('closed', 'guest', dry)).toEqual(['open', 'paint'])
    expect(door.movesFor('closed', 'guest', { key: true, wet: true })).toEqual(['open'])
    expect(door.movesFor('locked', ['guest', 'system'], dry)).toEqual([])
  })

  it('movesFor agrees with next for every state, move, party and context', () => {
    const ctxs = [dry, { key: false, wet: false }, { key: true, wet: true }]
    for (const s of door.states)
      for (const p of door.parties)
        for (const c of ctxs)
          expect(door.movesFor(s, p, c)).toEqual(door.moves.filter((m) => door.next(s, m, p, c).ok))
  })

  it('target reads the table without guards', () => {
    expect(door.target('closed', 'lock', ['keeper'])).toBe('locked')
    expect(door.target('closed', 'lock', ['guest'])).toBeNull()
    expect(door.target('locked', 'open', ['keeper'])).toBeNull()
  })

  it('exists and effectsOf describe the table', () => {
    expect(door.exists('unlock')).toBe(true)
    expect(door.exists('unlock', 'closed')).toBe(false)
    expect(door.exists('unlock', 'locked')).toBe(true)
    expect(door.effectsOf('unlock')).toEqual(['log', 'alarm'])
    expect(door.effectsOf('lock', 'open')).toEqual([])
    expect(door.effectsOf('open')).toEqual([])
  })

  it('a machine without a context needs none', () => {
    const m = defineMachine<'a' | 'b', 'go', 'me'>({
      states: ['a', 'b'],
      moves: ['go'],
      parties: ['me'],
      rows: [{ from: ['a'], move: 'go', to: 'b', parties: ['me'] }],
    })
    expect(m.next('a', 'go', 'me')).toEqual({ ok: true, to: 'b', effects: [] })
    expect(m.movesFor('b', 'me')).toEqual([])
  })
})

describe('defineMachine refuses a table that cannot be meant', () => {
  const base = { states: ['a', 'b', 'c'] as const, moves: ['go'] as const, parties: ['me', 'you'] as const }
  it('a row with no state or no party', () => {
    expect(() =>
      defineMachine({ ...base, rows: [{ from: [], move: 'go', to: 'b', parties: ['me'] }] }),
    ).toThrow(/needs a state/)
    expect(() =>
      defineMachine({ ...base, rows: [{ from: ['a'], move: 'go', to: 'b', parties: [] }] }),
    ).toThrow(/needs a state and a party/)
  })

  it('two unguarded outcomes for one state, move and party', () => {
    expect(() =>
      defineMachine({
        ...base,
        rows: [
          { from: ['a'], move: 'go', to: 'b', parties: ['me', 'you'] },
          { from: ['a', 'b'], move: 'go', to: 'c', parties: ['you'] },
        ],
      }),
    ).toThrow(/two outcomes/)
  })

  it('names outside the declared states, moves or parties', () => {
    const bad = { from: ['a'], move: 'go', to: 'z', parties: ['me'] } as never
    expect(() => defineMachine({ ...base, rows: [bad] })).toThrow(/unknown state/)
  })
})

describe('every state machine in core is defined with defineMachine', () => {
  const root = join(__dirname, '../../src/core')
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f)
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : []
    })

  it('no table of transitions is written any other way', () => {
    // A hand-rolled table has rows naming a source and a target state, and is searched by hand.
    const rowLike = /\bfrom:\s*(\[|'|[a-zA-Z]+,)[^\n]*\bto:\s*'/
    const offenders = files(root)
      .filter((p) => {
        const text = readFileSync(p, 'utf8')
        const table = rowLike.test(text) || /Transitions?\b[^\n]*=\s*\[/.test(text)
        return table && !/\bdefineMachine[<(]/.test(text)
      })
      .map((p) => relative(root, p))
    expect(offenders).toEqual([])
  })

  it.each([
    ['orders', orderMachine],
    ['errands', errandMachine],
    ['joins', joinMachine],
    ['market vouchers', voucherMachine],
    ['activity sign-ups and check-ins', signupMachine],
  ] as const)('%s', (_name, m) => {
    expect(m.defined).toBe(true)
    expect(m.rows.length).toBeGreaterThan(0)
  })
})
