// Notices' rules against tables written out by hand: who may publish where, who sees what, and
import { noticesCopy } from '../../src/core/notices/copy'
import { NoticesErrors } from '../../src/core/notices/errors'
// what a notice may hold.
import { isDomainError } from '../../src/core/errors'
import type { NoticeRecord } from '../../src/core/notices/model'
import {
  checkDraft,
  mayPublish,
  mayRead,
  publishTime,
  readerGrid,
  scopeKeys,
  type ResolvedScope,
} from '../../src/core/notices/rules'
import type { Actor, RoleGrant } from '../../src/core/roles'

const codeOf = (fn: () => unknown) => {
  try {
    fn()
    return 'ok'
  } catch (err) {
    return isDomainError(err) ? err.code : String(err)
  }
}

const S = 's1'
const home = (gridId: string, communityId = 'c1'): RoleGrant => ({
  role: 'resident',
  scope: {
    streetId: S,
    communityId,
    gridId,
    buildingId: `b-${gridId}`,
    unitId: `u-${gridId}`,
    householdId: `h-${gridId}`,
  },
})
const people: Record<string, Actor> = {
  streetAdmin: { userId: 'sa', grants: [{ role: 'street_admin', scope: { streetId: S } }] },
  otherStreetAdmin: { userId: 'sb', grants: [{ role: 'street_admin', scope: { streetId: 's2' } }] },
  c1Admin: { userId: 'ca', grants: [{ role: 'community_admin', scope: { streetId: S, communityId: 'c1' } }] },
  c2Admin: { userId: 'cb', grants: [{ role: 'community_admin', scope: { streetId: S, communityId: 'c2' } }] },
  g1Worker: {
    userId: 'gw',
    grants: [{ role: 'grid_worker', scope: { streetId: S, communityId: 'c1', gridId: 'g1' } }],
  },
  g2Worker: {
    userId: 'gv',
    grants: [{ role: 'grid_worker', scope: { streetId: S, communityId: 'c1', gridId: 'g2' } }],
  },
  g1Resident: { userId: 'r1', grants: [home('g1')] },
  g2Resident: { userId: 'r2', grants: [home('g2')] },
  c2Resident: { userId: 'r3', grants: [home('g9', 'c2')] },
  nobody: { userId: 'n', grants: [] },
}

const scopes: Record<string, ResolvedScope> = {
  street: { level: 'street', streetId: S, communityId: null, gridIds: null },
  c1: { level: 'community', streetId: S, communityId: 'c1', gridIds: null },
  'c1/g1': { level: 'grids', streetId: S, communityId: 'c1', gridIds: ['g1'] },
}

describe('who may publish where', () => {
  // person → [street, c1, c1/g1]
  const expected: Record<string, [boolean, boolean, boolean]> = {
    streetAdmin: [true, true, true],
    otherStreetAdmin: [false, false, false],
    c1Admin: [false, true, true],
    c2Admin: [false, false, false],
    g1Worker: [false, false, false],
    g2Worker: [false, false, false],
    g1Resident: [false, false, false],
    g2Resident: [false, false, false],
    c2Resident: [false, false, false],
    nobody: [false, false, false],
  }
  it.each(Object.entries(expected))('%s', (who, row) => {
    const person = people[who] as Actor
    expect([
      mayPublish(person, scopes.street!),
      mayPublish(person, scopes.c1!),
      mayPublish(person, scopes['c1/g1']!),
    ]).toEqual(row)
  })
})

const T0 = new Date('2026-12-07T02:00:00Z')
const noticeOf = (scope: ResolvedScope, over: Partial<NoticeRecord> = {}): NoticeRecord => ({
  _id: 'nt1',
  ...scope,
  ...scopeKeys(scope),
  title: '通知',
  blocks: [{ kind: 'p', text: '正文' }],
  attachments: [],
  pinned: false,
  pin: 0,
  important: false,
  push: 'none',
  publishAt: T0,
  status: 'published',
  createdBy: 'ca',
  publisherName: '一社区居委会',
  requestId: 'req-1',
  version: 1,
  createdAt: T0,
  updatedAt: T0,
  withdrawnAt: null,
  ...over,
})

describe('who sees what (out, scheduled, withdrawn)', () => {
  // person → for [street, c1, c1/g1] notices that are out: may read?
  const out: Record<string, [boolean, boolean, boolean]> = {
    streetAdmin: [true, true, true],
    otherStreetAdmin: [false, false, false],
    c1Admin: [false, true, true],
    c2Admin: [false, false, false],
    g1Worker: [true, true, true],
    g2Worker: [true, true, false],
    g1Resident: [true, true, true],
    g2Resident: [true, true, false],
    c2Resident: [true, false, false],
    nobody: [false, false, false],
  }
  // Before its time, or withdrawn: only those who manage it.
  const hidden: Record<string, [boolean, boolean, boolean]> = {
    ...Object.fromEntries(Object.keys(out).map((k) => [k, [false, false, false]])),
    streetAdmin: [true, true, true],
    c1Admin: [false, true, true],
  }
  const keys = ['street', 'c1', 'c1/g1'] as const
  it.each(Object.entries(out))('out: %s', (who, row) => {
    expect(keys.map((k) => mayRead(people[who] as Actor, noticeOf(scopes[k]!), T0))).toEqual(row)
  })
  it.each(Object.entries(hidden))('scheduled and withdrawn: %s', (who, row) => {
    const later = new Date(T0.getTime() - 1)
    expect(keys.map((k) => mayRead(people[who] as Actor, noticeOf(scopes[k]!), later))).toEqual(row)
    expect(
      keys.map((k) => mayRead(people[who] as Actor, noticeOf(scopes[k]!, { status: 'withdrawn' }), T0)),
    ).toEqual(row)
  })
  it('a reader is counted for their own grid, staff for none', () => {
    expect(readerGrid(people.g2Resident!, noticeOf(scopes.c1!))).toBe('g2')
    expect(readerGrid(people.g2Resident!, noticeOf(scopes['c1/g1']!))).toBeNull()
    expect(readerGrid(people.c1Admin!, noticeOf(scopes.c1!))).toBeNull()
  })
  it('audience and management keys', () => {
    expect(scopeKeys(scopes.street!)).toEqual({ audience: ['s:s1'], places: ['s1'] })
    expect(scopeKeys(scopes.c1!)).toEqual({ audience: ['c:c1'], places: ['s1', 'c1'] })
    expect(scopeKeys({ ...scopes['c1/g1']!, gridIds: ['g1', 'g2'] })).toEqual({
      audience: ['g:g1', 'g:g2'],
      places: ['s1', 'c1'],
    })
  })
})

describe('what a notice may hold', () => {
  const at = { userId: 'ca', key: 'req-1' }
  const img = (n: number | string, user = 'ca', key = 'req-1') => ({
    kind: 'img' as const,
    fileId: `cloud://env/notices/${user}/${key}/${n}.jpg`,
  })
  const file = (n: number | string, ext = 'pdf', size = 100) => ({
    fileId: `cloud://env/notices/ca/req-1/a${n}.${ext}`,
    name: `文件${n}.${ext}`,
    size,
  })
  const p = (text: string) => ({ kind: 'p' as const, text })
  const draft = (over: Record<string, unknown> = {}) => ({
    title: '停水通知',
    blocks: [p('明天停水')],
    attachments: [],
    ...over,
  })
  it.each([
    ['a plain notice', draft(), 'ok'],
    ['title of 60', draft({ title: '标'.repeat(60) }), 'ok'],
    ['title of 61', draft({ title: '标'.repeat(61) }), 'NOTICES.TITLE'],
    ['blank title', draft({ title: '   ' }), 'NOTICES.TITLE'],
    ['paragraph of 2000', draft({ blocks: [p('字'.repeat(2000))] }), 'ok'],
    ['paragraph of 2001', draft({ blocks: [p('字'.repeat(2001))] }), 'NOTICES.TEXT_TOO_LONG'],
    [
      '6001 in all',
      draft({
        blocks: [
          p('字'.repeat(2000)),
          p('字'.repeat(2000)),
          p('字'.repeat(2001 - 0).slice(0, 2000)),
          p('字'),
        ],
      }),
      'NOTICES.TEXT_TOO_LONG',
    ],
    ['only blank paragraphs', draft({ blocks: [p('  '), img(1)] }), 'NOTICES.EMPTY'],
    ['9 images', draft({ blocks: [p('图'), ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => img(n))] }), 'ok'],
    [
      '10 images',
      draft({ blocks: [p('图'), ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 9].map((n) => img(n))] }),
      'NOTICES.TOO_MANY_IMAGES',
    ],
    ['the same image twice', draft({ blocks: [p('图'), img(1), img(1)] }), 'NOTICES.FILE_INVALID'],
    ['another person’s image', draft({ blocks: [p('图'), img(1, 'other')] }), 'NOTICES.FILE_INVALID'],
    ['another request’s image', draft({ blocks: [p('图'), img(1, 'ca', 'req-2')] }), 'NOTICES.FILE_INVALID'],
    ['5 attachments', draft({ attachments: [1, 2, 3, 4, 5].map((n) => file(n)) }), 'ok'],
    [
      '6 attachments',
      draft({ attachments: [1, 2, 3, 4, 5, 5].map((n) => file(n)) }),
      'NOTICES.TOO_MANY_ATTACHMENTS',
    ],
    ['an attachment of 20 MB', draft({ attachments: [file(1, 'pdf', 20 * 1024 * 1024)] }), 'ok'],
    [
      'an attachment over 20 MB',
      draft({ attachments: [file(1, 'pdf', 20 * 1024 * 1024 + 1)] }),
      'NOTICES.ATTACHMENT_TOO_LARGE',
    ],
    ['an executable', draft({ attachments: [file(1, 'exe')] }), 'NOTICES.FILE_INVALID'],
  ])('%s → %s', (_what, d, code) => {
    expect(codeOf(() => checkDraft(d, at))).toBe(code)
  })
  it('keeps files the notice already holds (an edit), trims paragraphs and drops blank ones', () => {
    const kept = 'cloud://env/notices/someone/req-0/1.jpg'
    const out = checkDraft(
      draft({ blocks: [p('  一  '), p(' '), { kind: 'img', fileId: kept }] }),
      at,
      new Set([kept]),
    )
    expect(out.blocks).toEqual([p('一'), { kind: 'img', fileId: kept }])
  })
  it.each([
    [undefined, T0.toISOString()],
    ['2026-12-07T01:00:00.000Z', T0.toISOString()],
    ['2026-12-08T02:00:00.000Z', '2026-12-08T02:00:00.000Z'],
    ['2027-03-08T02:00:00.000Z', 'NOTICES.BAD_TIME'],
  ])('publish time %s → %s', (given, want) => {
    let got: string
    try {
      got = publishTime(given, T0).toISOString()
    } catch (err) {
      got = isDomainError(err) ? err.code : String(err)
    }
    expect(got).toBe(want)
  })
})

it('every notices code has its friendly copy (shipped with the subpackage)', () => {
  expect(Object.values(NoticesErrors).filter((c) => !noticesCopy[c])).toEqual([])
})
