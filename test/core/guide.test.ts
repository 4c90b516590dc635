// The service guide's rules against hand-written tables: who edits which catalogue, the override
import { guideCopy } from '../../src/core/guide/copy'
import { GuideErrors } from '../../src/core/guide/errors'
// merge, the search, paging and what an entry may hold.
import { isDomainError } from '../../src/core/errors'
import type { GuideFields, GuideRecord } from '../../src/core/guide/model'
import { checkEntry, guideCommunity, matches, mayEdit, merge, pageOf } from '../../src/core/guide/rules'
import type { Actor } from '../../src/core/roles'

const codeOf = (fn: () => unknown) => {
  try {
    fn()
    return 'ok'
  } catch (err) {
    return isDomainError(err) ? err.code : String(err)
  }
}

const fields: GuideFields = {
  title: '居住证办理',
  category: '户籍证件',
  materials: ['居民身份证', '一寸照片'],
  hall: {
    name: '便民服务中心',
    address: '建设路88号',
    hours: '工作日 9:00–17:00',
    latitude: 37.87,
    longitude: 112.56,
  },
  phone: '0351-5551001',
  duration: '15个工作日',
  appointment: false,
  notes: '',
}
const entry = (
  code: string,
  level: 'street' | 'community',
  over: Partial<GuideRecord> = {},
): GuideRecord => ({
  ...fields,
  _id: `${level}-${code}`,
  level,
  placeId: level === 'street' ? 's1' : 'c1',
  streetId: 's1',
  code,
  version: 1,
  updatedBy: 'x',
  updatedAt: new Date(0),
  ...over,
})

describe('who edits which catalogue', () => {
  const people: Record<string, Actor> = {
    streetAdmin: { userId: 'a', grants: [{ role: 'street_admin', scope: { streetId: 's1' } }] },
    c1Admin: {
      userId: 'b',
      grants: [{ role: 'community_admin', scope: { streetId: 's1', communityId: 'c1' } }],
    },
    c2Admin: {
      userId: 'c',
      grants: [{ role: 'community_admin', scope: { streetId: 's1', communityId: 'c2' } }],
    },
    worker: {
      userId: 'd',
      grants: [{ role: 'grid_worker', scope: { streetId: 's1', communityId: 'c1', gridId: 'g1' } }],
    },
    resident: {
      userId: 'e',
      grants: [
        {
          role: 'resident',
          scope: {
            streetId: 's1',
            communityId: 'c1',
            gridId: 'g1',
            buildingId: 'b',
            unitId: 'u',
            householdId: 'h',
          },
        },
      ],
    },
  }
  // person → [street s1, community c1]
  const expected: Record<string, [boolean, boolean]> = {
    streetAdmin: [true, true],
    c1Admin: [false, true],
    c2Admin: [false, false],
    worker: [false, false],
    resident: [false, false],
  }
  it.each(Object.entries(expected))('%s', (who, row) => {
    const p = people[who] as Actor
    expect([
      mayEdit(p, 'street', { streetId: 's1' }),
      mayEdit(p, 'community', { streetId: 's1', communityId: 'c1' }),
    ]).toEqual(row)
  })
  it('the community read: the one named, else home, else where they work, else GUIDE.NO_COMMUNITY', () => {
    expect(guideCommunity(people.resident!, undefined)).toBe('c1')
    expect(guideCommunity(people.resident!, 'c2')).toBe('c2')
    expect(guideCommunity(people.worker!, undefined)).toBe('c1')
    expect(guideCommunity(people.c2Admin!, undefined)).toBe('c2')
    expect(codeOf(() => guideCommunity(people.streetAdmin!, undefined))).toBe('GUIDE.NO_COMMUNITY')
  })
})

describe('merge: a community entry overrides the street’s of the same code', () => {
  it.each([
    ['street only', [entry('a', 'street')], [], [['a', 'street']]],
    ['community only', [], [entry('a', 'community')], [['a', 'community']]],
    ['both: the community’s', [entry('a', 'street')], [entry('a', 'community')], [['a', 'community']]],
    [
      'different codes: both',
      [entry('a', 'street')],
      [entry('b', 'community')],
      [
        ['a', 'street'],
        ['b', 'community'],
      ],
    ],
  ])('%s', (_what, street, community, want) => {
    expect(merge(street, community).map((e) => [e.code, e.source])).toEqual(want)
  })
  it('ordered by category, then title', () => {
    const list = merge(
      [
        entry('x', 'street', { category: '社会救助', title: '临时救助' }),
        entry('y', 'street', { category: '养老服务', title: '高龄津贴' }),
      ],
      [entry('z', 'community', { category: '社会救助', title: '低保' })],
    )
    expect(list.map((e) => e.code)).toEqual(['z', 'x', 'y'])
  })
})

describe('search and paging', () => {
  it.each([
    ['', true],
    ['居住证', true],
    ['户籍', true],
    ['身份证 照片', true],
    ['身份证 户口本', false],
    ['低保', false],
  ])('%s → %s', (q, want) => {
    expect(matches(fields, q)).toBe(want)
  })
  it('pages by the last code, without repeats', () => {
    const all = Array.from({ length: 7 }, (_, i) => ({ code: `c${i}` }))
    const one = pageOf(all, undefined, 3)
    const two = pageOf(all, one.cursor ?? undefined, 3)
    const three = pageOf(all, two.cursor ?? undefined, 3)
    expect([one, two, three].map((p) => p.items.map((e) => e.code))).toEqual([
      ['c0', 'c1', 'c2'],
      ['c3', 'c4', 'c5'],
      ['c6'],
    ])
    expect(three.cursor).toBeNull()
  })
})

describe('what an entry may hold', () => {
  it.each([
    ['a full entry', 'juzhuzheng', {}, 'ok'],
    ['a code in Chinese', '居住证', {}, 'GUIDE.BAD_CODE'],
    ['no title', 'a1', { title: ' ' }, 'GUIDE.BAD_FIELDS'],
    ['a title of 31', 'a1', { title: '字'.repeat(31) }, 'GUIDE.BAD_FIELDS'],
    ['no hours', 'a1', { hall: { ...fields.hall, hours: '' } }, 'GUIDE.BAD_FIELDS'],
    ['letters in the phone', 'a1', { phone: '0351-abc' }, 'GUIDE.BAD_FIELDS'],
    ['20 materials', 'a1', { materials: Array.from({ length: 20 }, () => '材料') }, 'ok'],
    [
      '21 materials',
      'a1',
      { materials: Array.from({ length: 21 }, () => '材料') },
      'GUIDE.TOO_MANY_MATERIALS',
    ],
    ['a material of 81', 'a1', { materials: ['字'.repeat(81)] }, 'GUIDE.TOO_MANY_MATERIALS'],
    ['latitude 91', 'a1', { hall: { ...fields.hall, latitude: 91 } }, 'GUIDE.BAD_LOCATION'],
    ['0,0', 'a1', { hall: { ...fields.hall, latitude: 0, longitude: 0 } }, 'GUIDE.BAD_LOCATION'],
  ])('%s → %s', (_what, code, over, want) => {
    expect(codeOf(() => checkEntry(code, { ...fields, ...over } as GuideFields))).toBe(want)
  })
})

it('every guide code has its friendly copy (shipped with the subpackage)', () => {
  expect(Object.values(GuideErrors).filter((c) => !guideCopy[c])).toEqual([])
})
