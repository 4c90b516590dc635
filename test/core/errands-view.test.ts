import type { ErrandActor } from '../../src/core/errands/machine'
import { ErrandStatuses, type ErrandRecord, type ErrandStatus } from '../../src/core/errands/model'
import {
  requesterNameFor,
  sightOf,
  toCard,
  toDetail,
  type ErrandPlace,
  type ErrandSight,
} from '../../src/core/errands/view'

// The errand reveal policy (core/errands/view.ts), against tables written out by hand.
// A sight is written as the words of what is seen: name (whole), note, address, phone, code
// (handover code), tries (codes left), dispute (the reason), log (the read is logged).

const words = (s: ErrandSight): string =>
  (
    [
      [s.fullName, 'name'],
      [s.note, 'note'],
      [s.address, 'address'],
      [s.phone, 'phone'],
      [s.handoverCode, 'code'],
      [s.codeTries, 'tries'],
      [s.disputeReason, 'dispute'],
      [s.logged, 'log'],
    ] as const
  )
    .filter(([on]) => on)
    .map(([, w]) => w)
    .join(' ')

const REQUESTER = 'u-wang'
const HELPER = 'u-liu'

interface Who {
  readonly userId: string
  readonly actors: readonly ErrandActor[]
}
const viewers: Readonly<Record<string, Who>> = {
  requester: { userId: REQUESTER, actors: ['requester'] },
  'requester, also the grid worker': { userId: REQUESTER, actors: ['requester', 'grid_worker'] },
  'the accepted helper': { userId: HELPER, actors: ['helper'] },
  'another helper of the grid': { userId: 'u-zhao', actors: ['helper'] },
  'the grid worker': { userId: 'u-worker', actors: ['grid_worker'] },
  'the accepted helper, also the grid worker': { userId: HELPER, actors: ['helper', 'grid_worker'] },
  'a neighbour': { userId: 'u-li', actors: [] },
}

/** What each viewer sees in the detail, status by status (the helper's depends on it). */
const DETAIL: Readonly<Record<string, Readonly<Record<ErrandStatus, string>>>> = {
  requester: all('name note address phone code tries dispute'),
  'requester, also the grid worker': all('name note address phone code tries dispute'),
  // An open errand has no helper yet (released: theirs no more).
  'the accepted helper': {
    open: '',
    accepted: 'name note address phone tries log',
    in_progress: 'name note address phone tries log',
    done: 'name note address phone tries log',
    locked: 'name note address phone tries log',
    confirmed: 'tries',
    disputed: 'tries',
    closed: 'tries',
    cancelled: 'tries',
    expired: 'tries',
  },
  'another helper of the grid': all(''),
  'the grid worker': all('dispute'),
  'the accepted helper, also the grid worker': {
    open: 'dispute',
    accepted: 'name note address phone tries dispute log',
    in_progress: 'name note address phone tries dispute log',
    done: 'name note address phone tries dispute log',
    locked: 'name note address phone tries dispute log',
    confirmed: 'tries dispute',
    disputed: 'tries dispute',
    closed: 'tries dispute',
    cancelled: 'tries dispute',
    expired: 'tries dispute',
  },
  'a neighbour': all(''),
}

/** In a list nobody sees anything but, for the requester, her own name. */
const LIST: Readonly<Record<string, string>> = {
  requester: 'name',
  'requester, also the grid worker': 'name',
  'the accepted helper': '',
  'another helper of the grid': '',
  'the grid worker': '',
  'the accepted helper, also the grid worker': '',
  'a neighbour': '',
}

function all(seen: string): Record<ErrandStatus, string> {
  return Object.fromEntries(ErrandStatuses.map((s) => [s, seen])) as Record<ErrandStatus, string>
}

const errand = (over: Partial<ErrandRecord> = {}): ErrandRecord => ({
  _id: 'er_1',
  requestId: 'r-1',
  requesterId: REQUESTER,
  requesterName: '王秀英',
  type: 'groceries',
  text: '帮买一袋米',
  note: '放门口即可',
  meetingPoint: null,
  path: {
    streetId: 'st',
    communityId: 'cm',
    gridId: 'gd',
    buildingId: 'bd',
    unitId: 'un',
    householdId: 'hh',
  },
  windowStart: new Date('2026-12-07T02:00:00Z'),
  windowEnd: new Date('2026-12-07T04:00:00Z'),
  status: 'accepted',
  open: false,
  helperId: HELPER,
  helperName: '刘志强',
  approvedHelperIds: [],
  handoverCode: null,
  codeTries: 0,
  points: 5,
  acceptedAt: new Date('2026-12-07T01:00:00Z'),
  pickedUpAt: null,
  doneAt: null,
  confirmedAt: null,
  disputeReason: null,
  thanks: null,
  events: [],
  version: 1,
  createdAt: new Date('2026-12-07T00:00:00Z'),
  updatedAt: new Date('2026-12-07T01:00:00Z'),
  ...over,
})

describe('sightOf', () => {
  const rows: [string, ErrandStatus, ErrandPlace, string][] = Object.keys(viewers).flatMap((v) =>
    ErrandStatuses.flatMap((s): [string, ErrandStatus, ErrandPlace, string][] => [
      [v, s, 'detail', DETAIL[v]?.[s] ?? '?'],
      [v, s, 'list', LIST[v] ?? '?'],
    ]),
  )
  it.each(rows)('%s, %s, %s: sees "%s"', (v, status, place, seen) => {
    const who = viewers[v]
    if (!who) throw new Error(v)
    // An open errand has no helper yet; the accepted helper is the one on every other status.
    const e = errand({ status, helperId: status === 'open' ? null : HELPER })
    expect(words(sightOf(who, e, place))).toBe(seen)
  })
})

describe('what the answer carries', () => {
  const loaded = { buildingName: '3号楼', unitName: '2单元', room: '302', phone: '13800000001' }

  it('a card has no contact data; the name is masked but for the requester', () => {
    const e = errand()
    const card = (who: Who) => toCard(e, '3号楼', sightOf(who, e, 'list'))
    expect(card(viewers.requester as Who).requesterName).toBe('王秀英')
    expect(card(viewers['the accepted helper'] as Who).requesterName).toBe('王**')
    expect(card(viewers['a neighbour'] as Who)).toEqual({
      errandId: 'er_1',
      type: 'groceries',
      typeLabel: '代买米买菜',
      text: '帮买一袋米',
      status: 'accepted',
      statusLabel: '已接单',
      windowStart: '2026-12-07T02:00:00.000Z',
      windowEnd: '2026-12-07T04:00:00.000Z',
      requesterName: '王**',
      buildingName: '3号楼',
      points: 5,
    })
  })

  it('an erased requester’s placeholder is shown as it is', () => {
    expect(
      requesterNameFor({ requesterName: '已注销用户', requesterErased: true }, { fullName: false }),
    ).toBe('已注销用户')
  })

  it('the accepted helper gets the address (with the meeting point) and the phone; a neighbour none', () => {
    const e = errand({ meetingPoint: '小区南门' })
    const helper = viewers['the accepted helper'] as Who
    expect(toDetail(helper, e, sightOf(helper, e, 'detail'), loaded)).toMatchObject({
      requesterName: '王秀英',
      note: '放门口即可',
      address: '小区南门（住址：3号楼2单元302室）',
      phone: '13800000001',
      handoverCode: null,
      as: ['helper'],
    })
    const neighbour = viewers['a neighbour'] as Who
    expect(
      toDetail(neighbour, e, sightOf(neighbour, e, 'detail'), {
        ...loaded,
        unitName: null,
        room: null,
        phone: null,
      }),
    ).toMatchObject({ requesterName: '王**', note: null, address: null, phone: null, as: [], moves: [] })
  })

  it('the requester sees her own child-pickup code and the tries left; the helper the tries only', () => {
    const e = errand({
      type: 'child_pickup',
      handoverCode: '4821',
      codeTries: 2,
      approvedHelperIds: [HELPER],
    })
    const requester = viewers.requester as Who
    const helper = viewers['the accepted helper'] as Who
    expect(toDetail(requester, e, sightOf(requester, e, 'detail'), loaded)).toMatchObject({
      handoverCode: '4821',
      codeTriesLeft: 3,
      address: '3号楼2单元302室',
    })
    expect(toDetail(helper, e, sightOf(helper, e, 'detail'), loaded)).toMatchObject({
      handoverCode: null,
      codeTriesLeft: 3,
      needsCode: true,
    })
  })
})
