/**
 * One way to define a state machine in core: the machine is DATA, one row per move.
 *
 *   { from: [states], move, to, parties: [who may make it], when?: guard(ctx), effects?: [...] }
 *
 * Everything else is derived from the one table:
 * - `next(state, move, parties, ctx)`: the next state and the row's effects, or a refusal code
 *   (what a decider uses);
 * - `movesFor(state, parties, ctx)`: the moves these parties may make now (a page's buttons, a
 *   view's `can`);
 * - `target`, `exists`, `effectsOf`: questions about the table itself, guards not asked.
 *
 * A guard answers for its row: `true` (allowed), `false` (the row does not apply here: to the
 * caller it is as if the move did not exist from this state) or an error code (the row applies but
 * is refused now, with this reason). Refusals, in this order:
 * 1. `NoMove`: no row of this move leaves this state (or every such row's guard says `false`);
 * 2. `NotParty`: rows exist, but none names any of the caller's parties;
 * 3. the first guard code of the caller's rows.
 */

/** No row of the move leaves the state: "the state changed, refresh". */
export const NoMove = 'MACHINE.NO_MOVE' as const
/** The move exists from the state, but not for any of the caller's parties: "not yours". */
export const NotParty = 'MACHINE.NOT_PARTY' as const

export type Guard<C> = (ctx: C) => boolean | string

export interface Row<S extends string, M extends string, P extends string, C, E extends string> {
  readonly from: readonly S[]
  readonly move: M
  readonly to: S
  readonly parties: readonly P[]
  readonly when?: Guard<C>
  readonly effects?: readonly E[]
}

export type Step<S extends string, E extends string> =
  | { readonly ok: true; readonly to: S; readonly effects: readonly E[] }
  | { readonly ok: false; readonly code: string }

export interface MachineSpec<S extends string, M extends string, P extends string, C, E extends string> {
  readonly states: readonly S[]
  readonly moves: readonly M[]
  readonly parties: readonly P[]
  readonly rows: readonly Row<S, M, P, C, E>[]
}

export interface Machine<
  S extends string,
  M extends string,
  P extends string,
  C,
  E extends string,
> extends MachineSpec<S, M, P, C, E> {
  /** Marks a machine built here (test/core/machine.test.ts checks every machine in core has it). */
  readonly defined: true
  /** Where `move` by any of `parties` takes `state`, with the row's effects, or why not. */
  next(state: S, move: M, parties: P | readonly P[], ctx: C): Step<S, E>
  /** The moves any of `parties` may make from `state` now, in the order of `moves`. */
  movesFor(state: S, parties: P | readonly P[], ctx: C): M[]
  /**
   * Where the table's unguarded shape sends `move` by any of `parties` from `state`, guards not
   * asked (the exhaustive state × move × party tests read this), or null.
   */
  target(state: S, move: M, parties: P | readonly P[]): S | null
  /** Does `move` leave `state` for anyone at all (any state when `state` is absent)? Guards are not asked. */
  exists(move: M, state?: S): boolean
  /** The effects the rows of `move` (from `state`, when given) declare, each once. */
  effectsOf(move: M, state?: S): E[]
}

const list = <T>(x: T | readonly T[]): readonly T[] => (Array.isArray(x) ? x : [x as T])

/**
 * Builds a machine from its table. Throws at load time on a table that cannot be meant: a row with
 * no state or no party, or two unguarded rows that give one (state, move, party) two outcomes.
 */
export function defineMachine<
  S extends string,
  M extends string,
  P extends string,
  C = void,
  E extends string = never,
>(spec: MachineSpec<S, M, P, C, E>): Machine<S, M, P, C, E> {
  const { states, moves, parties, rows } = spec
  rows.forEach((r, i) => {
    const where = `machine row ${i} (${r.move})`
    if (r.from.length === 0 || r.parties.length === 0) throw new Error(`${where}: needs a state and a party`)
    if (!moves.includes(r.move)) throw new Error(`${where}: unknown move`)
    if (![...r.from, r.to].every((s) => states.includes(s))) throw new Error(`${where}: unknown state`)
    if (!r.parties.every((p) => parties.includes(p))) throw new Error(`${where}: unknown party`)
    rows.slice(0, i).forEach((o) => {
      const clash =
        o.move === r.move &&
        !o.when &&
        !r.when &&
        o.to !== r.to &&
        o.from.some((s) => r.from.includes(s)) &&
        o.parties.some((p) => r.parties.includes(p))
      if (clash) throw new Error(`${where}: two outcomes for one state, move and party`)
    })
  })

  const leaving = (state: S, move: M) => rows.filter((r) => r.move === move && r.from.includes(state))

  function next(state: S, move: M, who: P | readonly P[], ctx: C): Step<S, E> {
    const mine = list(who)
    const verdicts = leaving(state, move)
      .map((row) => ({ row, verdict: row.when ? row.when(ctx) : true }))
      .filter((x) => x.verdict !== false)
    if (verdicts.length === 0) return { ok: false, code: NoMove }
    const theirs = verdicts.filter((x) => x.row.parties.some((p) => mine.includes(p)))
    if (theirs.length === 0) return { ok: false, code: NotParty }
    const allowed = theirs.find((x) => x.verdict === true)
    if (allowed) return { ok: true, to: allowed.row.to, effects: allowed.row.effects ?? [] }
    return { ok: false, code: String(theirs[0]?.verdict) }
  }

  return {
    states,
    moves,
    parties,
    rows,
    defined: true,
    next,
    movesFor: (state, who, ctx) => moves.filter((m) => next(state, m, who, ctx).ok),
    target: (state, move, who) =>
      leaving(state, move).find((r) => r.parties.some((p) => list(who).includes(p)))?.to ?? null,
    exists: (move, state) =>
      rows.some((r) => r.move === move && (state === undefined || r.from.includes(state))),
    effectsOf: (move, state) => [
      ...new Set(
        rows
          .filter((r) => r.move === move && (state === undefined || r.from.includes(state)))
          .flatMap((r) => r.effects ?? []),
      ),
    ],
  }
}
