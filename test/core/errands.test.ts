import {
  actorsOf,
  applyMove,
  checkAccept,
  checkCode,
  checkPostText,
  mayTake,
} from '../../src/core/errands/decide'
import {
  Actors,
  ErrandMoves,
  movesFor,
  nextStatus,
  type ErrandActor,
  type ErrandMove,
} from '../../src/core/errands/machine'
import {
  ErrandStatuses,
  ErrandTypes,
  type ErrandRecord,
  type ErrandStatus,
} from '../../src/core/errands/model'
import { checkWindow } from '../../src/core/errands/window'
import { isDomainError } from '../../src/core/errors'
import type { Actor } from '../../src/core/roles'
import { thrownCode as codeOf } from '../support/builders'

/**
 * The expected machine, written out independently of core/errands/machine.ts:
 * state → "move:actor→to" for every allowed combination (child pickup differences marked).
 */
const EXPECTED: Record<ErrandStatus, readonly string[]> = {
  open: ['accept:helper→accepted', 'cancel:requester→cancelled', 'expire:system→expired'],
  accepted: [
    'release:helper→open',
    'cancel:requester→cancelled',
    'start:helper→in_progress',
    'done:helper→done (not child)',
    'lock:system→locked (child only)',
  ],
  in_progress: ['done:helper→done'],
  done: ['confirm:requester→confirmed', 'dispute:requester→disputed'],
  disputed: ['settle:grid_worker→confirmed', 'close:grid_worker→closed'],
  locked: ['unlock:grid_worker→accepted', 'cancel:grid_worker→cancelled'],
  confirmed: [],
  closed: [],
  cancelled: [],
  expired: [],
}

function expected(
  status: ErrandStatus,
  move: ErrandMove,
  actor: ErrandActor,
  child: boolean,
): ErrandStatus | null {
  for (const row of EXPECTED[status]) {
    const m = /^(\w+):(\w+)→(\w+)(?: \((not child|child only)\))?$/.exec(row)
    if (!m) throw new Error(row)
    if (m[1] !== move || m[2] !== actor) continue
    if (m[4] === 'not child' && child) continue
    if (m[4] === 'child only' && !child) continue
    return m[3] as ErrandStatus
  }
  return null
}

describe('errand state machine: every state × move × actor × type', () => {
  const cases = ErrandStatuses.flatMap((s) =>
    ErrandMoves.flatMap((m) => Actors.flatMap((a) => ErrandTypes.map((t) => [s, m, a, t] as const))),
  )
  it.each(cases)('%s --%s by %s (%s)', (status, move, actor, type) => {
    expect(nextStatus(status, move, [actor], type)).toBe(
      expected(status, move, actor, type === 'child_pickup'),
    )
  })

  it('buttons per role come from the same table', () => {
    expect(movesFor('open', ['helper'], 'groceries')).toEqual(['accept'])
    expect(movesFor('accepted', ['helper'], 'groceries')).toEqual(['release', 'start', 'done'])
    expect(movesFor('accepted', ['helper'], 'child_pickup')).toEqual(['release', 'start'])
    expect(movesFor('done', ['requester'], 'parcel')).toEqual(['confirm', 'dispute'])
    expect(movesFor('open', ['system'], 'parcel')).toEqual([])
  })
})

const T0 = new Date('2026-05-01T02:00:00Z')
const min = (n: number) => new Date(T0.getTime() + n * 60_000).toISOString()

describe('time window (dayjs)', () => {
  it.each([
    ['starts now, 2 hours', min(0), min(120), 'OK'],
    ['started 3 minutes ago (grace)', min(-3), min(60), 'OK'],
    ['in the past', min(-30), min(60), 'ERRAND.WINDOW_PAST'],
    ['ends before it starts', min(60), min(30), 'ERRAND.WINDOW_INVALID'],
    ['zero length', min(60), min(60), 'ERRAND.WINDOW_INVALID'],
    ['garbage', 'tomorrow', min(60), 'ERRAND.WINDOW_INVALID'],
    ['10 minutes', min(10), min(20), 'ERRAND.WINDOW_TOO_SHORT'],
    ['exactly 12 hours', min(10), min(10 + 720), 'OK'],
    ['13 hours', min(10), min(10 + 780), 'ERRAND.WINDOW_TOO_LONG'],
    ['8 days ahead', min(8 * 1440), min(8 * 1440 + 60), 'ERRAND.WINDOW_TOO_FAR'],
  ])('%s → %s', (_n, start, end, code) => {
    expect(codeOf(() => checkWindow(start, end, T0))).toBe(code)
  })
})

const PATH = { streetId: 's', communityId: 'c', gridId: 'g1', buildingId: 'b', unitId: 'u', householdId: 'h' }
const errand = (over: Partial<ErrandRecord> = {}): ErrandRecord => ({
  _id: 'er_1',
  requestId: 'r',
  requesterId: 'req',
  requesterName: '王秀英',
  type: 'groceries',
  text: '买米',
  note: null,
  meetingPoint: null,
  path: PATH,
  windowStart: T0,
  windowEnd: T0,
  status: 'open',
  open: true,
  helperId: null,
  helperName: null,
  approvedHelperIds: [],
  handoverCode: null,
  codeTries: 0,
  points: 5,
  acceptedAt: null,
  pickedUpAt: null,
  doneAt: null,
  confirmedAt: null,
  disputeReason: null,
  thanks: null,
  events: [],
  version: 1,
  createdAt: T0,
  updatedAt: T0,
  ...over,
})
const helperOf = (userId: string, gridId = 'g1'): Actor => ({
  userId,
  grants: [{ role: 'helper', scope: { streetId: 's', communityId: 'c', gridId } }],
})
const worker: Actor = {
  userId: 'w',
  grants: [{ role: 'grid_worker', scope: { streetId: 's', communityId: 'c', gridId: 'g1' } }],
}

describe('accept and visibility', () => {
  it.each([
    ['a helper of the grid', helperOf('h1'), errand(), 'ok'],
    ['the requester (also a helper)', helperOf('req'), errand(), 'ERRAND.OWN_ERRAND'],
    ['a helper of another grid', helperOf('h1', 'g2'), errand(), 'ERRAND.OUTSIDE_GRID'],
    [
      'child pickup, not approved',
      helperOf('h1'),
      errand({ type: 'child_pickup', approvedHelperIds: ['h2'] }),
      'ERRAND.NOT_APPROVED',
    ],
    [
      'child pickup, approved',
      helperOf('h2'),
      errand({ type: 'child_pickup', approvedHelperIds: ['h2'] }),
      'ok',
    ],
    ['taken by another', helperOf('h1'), errand({ status: 'accepted', helperId: 'h9' }), 'ERRAND.TAKEN'],
    ['already mine', helperOf('h1'), errand({ status: 'accepted', helperId: 'h1' }), 'again'],
    ['expired', helperOf('h1'), errand({ status: 'expired' }), 'ERRAND.BAD_STATE'],
  ])('%s → %s', (_n, actor, e, want) => {
    let got: string
    try {
      got = checkAccept(actor, e)
    } catch (err) {
      got = isDomainError(err) ? err.code : String(err)
    }
    expect(got).toBe(want)
  })

  it('actors: helper only while open and eligible, then only the accepted one', () => {
    expect(actorsOf(helperOf('h1'), errand())).toEqual(['helper'])
    expect(actorsOf(helperOf('h1'), errand({ status: 'accepted', helperId: 'h2' }))).toEqual([])
    expect(actorsOf(worker, errand())).toEqual(['grid_worker'])
    expect(mayTake(helperOf('h1'), errand({ type: 'child_pickup' }))).toBe(false)
  })
})

describe('moves', () => {
  const mover = (userId: string, actors: ErrandActor[]) => ({ userId, name: 'X', actors })
  it('accept records the helper; release clears them; wrong actor is FORBIDDEN, wrong state BAD_STATE', () => {
    const a = applyMove(errand(), 'accept', mover('h1', ['helper']), T0)
    expect(a).toMatchObject({ status: 'accepted', helperId: 'h1', open: false, version: 2 })
    expect(applyMove(a, 'release', mover('h1', ['helper']), T0)).toMatchObject({
      status: 'open',
      helperId: null,
      open: true,
    })
    expect(codeOf(() => applyMove(a, 'confirm', mover('req', ['requester']), T0))).toBe('ERRAND.BAD_STATE')
    expect(codeOf(() => applyMove(a, 'release', mover('req', ['requester']), T0))).toBe('AUTH.FORBIDDEN')
    const d = applyMove(a, 'done', mover('h1', ['helper']), T0)
    expect(codeOf(() => applyMove(d, 'dispute', mover('req', ['requester']), T0, ' '))).toBe(
      'ERRAND.REASON_REQUIRED',
    )
  })

  it('handover code: ok, wrong with tries left, lock on the 5th, locked refused', () => {
    const e = errand({ type: 'child_pickup', handoverCode: '4821', status: 'accepted', helperId: 'h1' })
    expect(checkCode(e, '4821')).toBe('ok')
    expect(codeOf(() => checkCode(e, undefined))).toBe('ERRAND.CODE_REQUIRED')
    expect(checkCode(e, '0000')).toEqual({ wrong: 4 })
    expect(checkCode({ ...e, codeTries: 4 }, '0000')).toBe('lock')
    expect(codeOf(() => checkCode({ ...e, status: 'locked' }, '4821'))).toBe('ERRAND.CODE_LOCKED')
  })

  it.each([
    ['', undefined, 'ERRAND.TEXT_EMPTY'],
    ['x'.repeat(101), undefined, 'ERRAND.TEXT_TOO_LONG'],
    ['买一袋米', 'y'.repeat(101), 'ERRAND.TEXT_TOO_LONG'],
    ['买一袋米', '放门口', 'OK'],
  ])('post text %#', (text, note, code) => {
    expect(codeOf(() => checkPostText(text, note))).toBe(code)
  })
})
