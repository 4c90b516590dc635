// The wish wall's rules (issue #16 §1): the machine as an exhaustive table written out here by hand,
// the points split, the checks of a post, a publish and a group claim, and what each party sees.
import {
  WishParties,
  WishMoves,
  wishMachine,
  type WishMove,
  type WishParty,
} from '../../src/core/wishes/machine'
import {
  checkGroup,
  checkOnBehalf,
  checkPublish,
  checkWishText,
  placeShownOf,
} from '../../src/core/wishes/checks'
import { moveWish, newWish, type WishMover } from '../../src/core/wishes/decide'
import { payOf, splitPoints } from '../../src/core/wishes/pay'
import {
  WishStatuses,
  WishKinds,
  type WishKind,
  type WishRecord,
  type WishStatus,
} from '../../src/core/wishes/model'
import { mayView, partiesOf, sightOf } from '../../src/core/wishes/view'
import type { Actor, Role } from '../../src/core/roles'
import type { Notify } from '../../src/core/effects'
import { codeOf } from './deliberation-fixtures'

const T0 = new Date('2026-12-07T02:00:00Z')
const DAY = 86_400_000
const GRID = { streetId: 's1', communityId: 'c1', gridId: 'g1' }
const HOME = { ...GRID, buildingId: 'b1', unitId: 'u1', householdId: 'h1' }

/**
 * The expected machine, written out independently of src/core/wishes/machine.ts: state →
 * "move:party→to" for every allowed combination; "(need)" / "(suggestion)" mark rows for one kind,
 * "(due)" a row only when the expiry date has passed.
 */
const EXPECTED: Record<WishStatus, readonly string[]> = {
  pending: [
    'publish:staff→published',
    'decline:staff→declined',
    'withdraw:owner→withdrawn',
    'promote:staff→promoted (suggestion)',
  ],
  published: [
    'withdraw:owner→withdrawn',
    'claim:helper→claimed (need)',
    'expire:system→expired (need, due)',
    'promote:staff→promoted (suggestion)',
  ],
  claimed: ['release:claimant→published', 'release:staff→published', 'fulfil:claimant→fulfilled'],
  fulfilled: ['redo:owner→claimed', 'redo:staff→claimed', 'confirm:owner→closed', 'confirm:staff→closed'],
  expired: ['reopen:staff→published'],
  declined: [],
  withdrawn: [],
  closed: [],
  promoted: [],
}

function expected(status: WishStatus, move: WishMove, party: WishParty, kind: WishKind, due: boolean) {
  for (const row of EXPECTED[status]) {
    const m = /^(\w+):(\w+)→(\w+)(?: \(([\w, ]+)\))?$/.exec(row)
    if (!m) throw new Error(row)
    if (m[1] !== move || m[2] !== party) continue
    const tags = (m[4] ?? '').split(', ').filter(Boolean)
    if (tags.includes('need') && kind !== 'need') continue
    if (tags.includes('suggestion') && kind !== 'suggestion') continue
    if (tags.includes('due') && !due) continue
    return m[3]
  }
  return null
}

describe('wish machine: every state × move × party × kind × due', () => {
  const cases = WishStatuses.flatMap((s) =>
    WishMoves.flatMap((m) =>
      WishParties.flatMap((p) =>
        WishKinds.flatMap((k) => [true, false].map((d) => [s, m, p, k, d] as const)),
      ),
    ),
  )
  it.each(cases)('%s --%s by %s (%s, due %s)', (status, move, party, kind, due) => {
    const step = wishMachine.next(status, move, [party], { kind, due })
    expect(step.ok ? step.to : null).toBe(expected(status, move, party, kind, due))
  })

  it('only confirming pays', () => {
    expect(WishMoves.filter((m) => wishMachine.effectsOf(m).includes('pay'))).toEqual(['confirm'])
  })
})

describe('points shared exactly', () => {
  it.each([
    [10, 1, [10]],
    [10, 3, [4, 3, 3]],
    [10, 4, [3, 3, 2, 2]],
    [2, 3, [1, 1, 0]],
    [0, 2, [0, 0]],
    [100, 10, [10, 10, 10, 10, 10, 10, 10, 10, 10, 10]],
    [7, 0, []],
  ])('%i points among %i → %j', (points, k, shares) => {
    expect(splitPoints(points, k)).toEqual(shares)
  })

  it('pays each member their share under their own cause, and nobody a zero', () => {
    const group = {
      name: '区税务局党支部',
      members: [
        { userId: 'a', name: '甲' },
        { userId: 'b', name: '乙' },
        { userId: 'c', name: '丙' },
      ],
    }
    const w = {
      _id: 'ws1',
      points: 2,
      title: '一台电饭锅',
      path: GRID,
      claim: { by: 'a', byName: '甲', group, at: T0 },
    }
    expect(payOf(w).map((t) => [t.cause, t.to, t.amount])).toEqual([
      ['wish:ws1:a', 'u:a', 1],
      ['wish:ws1:b', 'u:b', 1],
    ])
    expect(payOf({ ...w, claim: { ...w.claim, group: null } }).map((t) => [t.cause, t.to, t.amount])).toEqual(
      [['wish:ws1', 'u:a', 2]],
    )
    expect(payOf({ ...w, points: 0 })).toEqual([])
  })
})

describe('checks', () => {
  it.each([
    [{ title: '电饭锅', text: '家里的坏了' }, 'ok'],
    [{ title: '  ', text: '家里的坏了' }, 'WISH.BAD_TEXT'],
    [{ title: '一'.repeat(21), text: '家里的坏了' }, 'WISH.BAD_TEXT'],
    [{ title: '电饭锅', text: '' }, 'WISH.BAD_TEXT'],
    [{ title: '电饭锅', text: '一'.repeat(301) }, 'WISH.BAD_TEXT'],
    [{ title: '一'.repeat(20), text: '一'.repeat(300) }, 'ok'],
  ])('post text %j → %s', (input, code) => {
    expect(codeOf(() => checkWishText(input))).toBe(code)
  })

  it.each([
    [{ name: '李奶奶', address: '3号楼2单元101', phone: '13800000000' }, 'ok'],
    [{ name: '李奶奶', address: '3号楼2单元101' }, 'ok'],
    [{ name: '', address: '3号楼' }, 'WISH.BAD_CONTACT'],
    [{ name: '李奶奶', address: ' ' }, 'WISH.BAD_CONTACT'],
    [{ name: '李奶奶', address: '3号楼', phone: '12345' }, 'WISH.BAD_CONTACT'],
  ])('a family contact %j → %s', (input, code) => {
    expect(codeOf(() => checkOnBehalf(input))).toBe(code)
  })

  it.each([
    [{ show: 'grid' as const }, 'ok'],
    [{ show: 'grid' as const, points: 101 }, 'WISH.BAD_PUBLISH'],
    [{ show: 'grid' as const, points: -1 }, 'WISH.BAD_PUBLISH'],
    [{ show: 'grid' as const, points: 2.5 }, 'WISH.BAD_PUBLISH'],
    [{ show: 'grid' as const, expireDays: 6 }, 'WISH.BAD_PUBLISH'],
    [{ show: 'grid' as const, expireDays: 91 }, 'WISH.BAD_PUBLISH'],
    [{ show: 'grid' as const, publicText: '   ' }, 'WISH.BAD_TEXT'],
  ])('publishing %j → %s', (spec, code) => {
    expect(codeOf(() => checkPublish({ text: '家里的坏了', kind: 'need' }, spec))).toBe(code)
  })

  it('the card shows at most the building, never the room', () => {
    const names = { community: '新华社区', grid: '第1网格', building: '3号楼' }
    expect(placeShownOf('community', names)).toBe('新华社区')
    expect(placeShownOf('grid', names)).toBe('新华社区 · 第1网格')
    expect(placeShownOf('building', names)).toBe('新华社区 · 第1网格 · 3号楼')
    expect(placeShownOf('building', { ...names, building: null })).toBe('新华社区 · 第1网格')
    expect(placeShownOf('building', { ...names, grid: '新华社区第1网格' })).toBe('新华社区第1网格 · 3号楼')
  })

  it.each([
    [{ name: '税务党支部', memberIds: ['b', 'c'] }, 'ok'],
    [{ name: '税务党支部', memberIds: ['a'] }, 'WISH.BAD_GROUP'],
    [{ name: '', memberIds: ['b'] }, 'WISH.BAD_GROUP'],
    [{ name: '税务党支部', memberIds: ['b', 'b'] }, 'WISH.BAD_GROUP'],
    [{ name: '税务党支部', memberIds: ['x'] }, 'WISH.BAD_GROUP'],
    [{ name: '税务党支部', memberIds: Array.from({ length: 10 }, (_, i) => `h${i}`) }, 'WISH.BAD_GROUP'],
  ])('a group %j → %s', (g, code) => {
    const helpers = new Map([
      ['b', '乙'],
      ['c', '丙'],
      ...Array.from({ length: 10 }, (_, i): [string, string] => [`h${i}`, `帮办${i}`]),
    ])
    expect(codeOf(() => checkGroup(g, { userId: 'a', name: '甲' }, helpers))).toBe(code)
  })

  it('a group lists the claimant first, then the members as named', () => {
    const g = checkGroup(
      { name: ' 税务党支部 ', memberIds: ['c', 'a', 'b'] },
      { userId: 'a', name: '甲' },
      new Map([
        ['b', '乙'],
        ['c', '丙'],
      ]),
    )
    expect(g).toEqual({
      name: '税务党支部',
      members: [
        { userId: 'a', name: '甲' },
        { userId: 'c', name: '丙' },
        { userId: 'b', name: '乙' },
      ],
    })
  })
})

const actor = (userId: string, grants: [Role, object][]): Actor => ({
  userId,
  grants: grants.map(([role, scope]) => ({ role, scope: { streetId: 's1', ...scope } })),
})
const owner = actor('o', [['resident', HOME]])
const neighbour = actor('n', [['resident', { ...GRID, buildingId: 'b2', unitId: 'u2', householdId: 'h2' }]])
const helper = actor('h', [['helper', GRID]])
const other = actor('x', [
  ['resident', { communityId: 'c1', gridId: 'g2', buildingId: 'b9', unitId: 'u9', householdId: 'h9' }],
])
const otherHelper = actor('y', [['helper', { communityId: 'c1', gridId: 'g2' }]])
const worker = actor('w', [['grid_worker', GRID]])
const admin = actor('a', [['community_admin', { communityId: 'c1' }]])

const wish = (over: Partial<WishRecord> = {}, kind: WishKind = 'need'): WishRecord => ({
  ...newWish({
    id: 'ws1',
    requestId: 'req-00001',
    kind,
    postedBy: { userId: 'o', name: '王秀英' },
    owner: { userId: 'o', name: '王秀英' },
    onBehalf: null,
    path: HOME,
    title: '一台电饭锅',
    text: '王奶奶家的电饭锅坏了，住3号楼101',
    photos: ['cloud://env/wishes/o/req-00001/1.jpg'],
    now: T0,
  }),
  ...over,
})
const person = (a: Actor, w: WishRecord, name = '某人'): WishMover => ({
  kind: 'person',
  userId: a.userId,
  name,
  parties: partiesOf(a, w),
})
const publish = (w: WishRecord) =>
  moveWish(
    w,
    { move: 'publish', no: '2026-001', placeShown: '新华社区 · 第1网格', publish: { show: 'grid' } },
    person(worker, w),
    T0,
  ).next

describe('who is who, and who sees what', () => {
  it("a new wish tells the grid's staff, counts it, and is the owner's and staff's only", () => {
    const w = wish()
    const notes = (w.outbox?.[0]?.effects ?? []).filter((e): e is Notify => e.kind === 'notify')
    expect(notes.map((n) => [n.template, n.to])).toEqual([
      ['wishProgress', { staff: ['grid_worker', 'community_admin'], over: GRID, cascade: true }],
    ])
    expect([owner, neighbour, helper, other, worker, admin].map((a) => mayView(a, w))).toEqual([
      true,
      false,
      false,
      false,
      true,
      true,
    ])
  })

  it('published: the grid sees the anonymised card; another grid does not', () => {
    const w = publish(wish())
    expect(w.no).toBe('2026-001')
    expect(w.expiresAt).toEqual(new Date(T0.getTime() + 30 * DAY))
    expect(w.points).toBe(10)
    expect([owner, neighbour, helper, other, otherHelper, worker].map((a) => mayView(a, w))).toEqual([
      true,
      true,
      true,
      false,
      false,
      true,
    ])
    expect(sightOf(neighbour, w, T0)).toEqual({ full: false, contact: false, fulfil: false, can: [] })
    expect(sightOf(helper, w, T0).can).toEqual(['claim'])
    expect(sightOf(owner, w, T0).can).toEqual(['withdraw'])
    expect(sightOf(worker, w, T0)).toMatchObject({ full: true, contact: false, can: [] })
  })

  it('claimed: the claimant and staff see the contact; the neighbour does not; a second claim is taken', () => {
    const w = publish(wish())
    const claimed = moveWish(w, { move: 'claim', group: null }, person(helper, w, '张伟'), T0).next
    expect(claimed.claimantIds).toEqual(['h'])
    expect(sightOf(helper, claimed, T0)).toEqual({
      full: false,
      contact: true,
      fulfil: true,
      can: ['release', 'fulfil'],
    })
    expect(sightOf(worker, claimed, T0).contact).toBe(true)
    expect(sightOf(neighbour, claimed, T0).contact).toBe(false)
    expect(codeOf(() => moveWish(claimed, { move: 'claim', group: null }, person(helper, claimed), T0))).toBe(
      'WISH.TAKEN',
    )
  })

  it("one cannot claim one's own wish, and a suggestion cannot be claimed", () => {
    const ownerHelper = actor('o', [
      ['resident', HOME],
      ['helper', GRID],
    ])
    expect(partiesOf(ownerHelper, publish(wish()))).toEqual(['owner'])
    const s = publish(wish({}, 'suggestion'))
    expect(sightOf(helper, s, T0).can).toEqual([])
    expect(codeOf(() => moveWish(s, { move: 'claim', group: null }, person(helper, s), T0))).toBe(
      'WISH.WRONG_KIND',
    )
  })

  it('fulfilled needs a photo; confirming closes, pays once and writes the story as the resident chose', () => {
    const c = moveWish(
      publish(wish()),
      { move: 'claim', group: null },
      person(helper, publish(wish()), '张伟'),
      T0,
    ).next
    expect(codeOf(() => moveWish(c, { move: 'fulfil', photos: [] }, person(helper, c), T0))).toBe(
      'WISH.PHOTO_REQUIRED',
    )
    const f = moveWish(c, { move: 'fulfil', photos: ['p1'], note: '已送到' }, person(helper, c), T0).next
    expect(sightOf(owner, f, T0).can).toEqual(['redo', 'confirm'])
    const done = moveWish(
      f,
      { move: 'confirm', showName: 'surname', story: '谢谢小张' },
      person(owner, f),
      T0,
    )
    expect(done.next.status).toBe('closed')
    expect(done.next.story).toMatchObject({
      text: '谢谢小张',
      residentShown: '王**',
      claimantShown: '张*',
      photos: ['p1'],
    })
    expect(done.transfers.map((t) => [t.cause, t.amount])).toEqual([['wish:ws1', 10]])
    const hidden = moveWish(f, { move: 'confirm', showName: 'hidden' }, person(worker, f), T0)
    expect(hidden.next.story?.residentShown).toBe('一位居民')
    expect(codeOf(() => moveWish(f, { move: 'confirm', showName: 'hidden' }, person(neighbour, f), T0))).toBe(
      'AUTH.FORBIDDEN',
    )
  })

  it("expires only when due, and tells the grid's staff", () => {
    const w = publish(wish())
    expect(
      codeOf(() => moveWish(w, { move: 'expire' }, { kind: 'system' }, new Date(T0.getTime() + 29 * DAY))),
    ).toBe('WISH.BAD_STATE')
    const out = moveWish(w, { move: 'expire' }, { kind: 'system' }, new Date(T0.getTime() + 30 * DAY))
    expect(out.next).toMatchObject({ status: 'expired', wall: false })
    const to = out.effects.filter((e): e is Notify => e.kind === 'notify').map((n) => n.to)
    expect(to).toEqual([
      { staff: ['grid_worker', 'community_admin'], over: GRID, cascade: true },
      { users: ['o'] },
    ])
  })

  it('declining and redoing need a reason', () => {
    const w = wish()
    expect(codeOf(() => moveWish(w, { move: 'decline', reason: ' ' }, person(worker, w), T0))).toBe(
      'WISH.REASON_REQUIRED',
    )
    expect(moveWish(w, { move: 'decline', reason: '已由民政救助' }, person(worker, w), T0).next.reason).toBe(
      '已由民政救助',
    )
  })
})
