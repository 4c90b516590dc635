import {
  byNaturalName,
  codeImageLabel,
  codeImagePath,
  codeTargetIdFor,
  rememberRequest,
  REMEMBERED_REQUESTS,
  wxacodeRequest,
} from '../../src/core/codes/model'
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  codeFromBytes,
  isInviteCode,
  parseScene,
  SCENE_MAX,
} from '../../src/core/org/invite-code'
import { can } from '../../src/core/permissions'
import { Roles, type Role } from '../../src/core/roles'
import { actorWith, elsewhereOf } from '../support/builders'

const WXACODE_SCENE_CHARSET = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/

describe('codes: every code fits a wxacode scene', () => {
  // Every byte value at every position: each alphabet letter lands in each place of a code.
  const codes = Array.from({ length: 256 }, (_, byte) =>
    codeFromBytes(Array.from({ length: CODE_LENGTH }, (_, i) => (byte + i * 37) % 256)),
  )

  it('draws only from the alphabet, every letter reachable, no bias (256 is a multiple of 32)', () => {
    expect(256 % CODE_ALPHABET.length).toBe(0)
    expect(new Set(codes.join(''))).toEqual(new Set(CODE_ALPHABET))
    for (const code of codes) expect(isInviteCode(code)).toBe(true)
  })

  it.each(['building', 'grid'] as const)(
    'a %s scene of every code is ≤ 32 allowed characters and parses back',
    (target) => {
      for (const code of codes) {
        const { scene } = wxacodeRequest(target, code)
        expect(scene.length).toBeLessThanOrEqual(SCENE_MAX)
        expect(scene).toMatch(WXACODE_SCENE_CHARSET)
        expect(parseScene(scene)).toEqual({ target, code })
        expect(parseScene(encodeURIComponent(scene))).toEqual({ target, code })
      }
    },
  )

  it('asks wxacode for the join page, 430 px, without the released-page check', () => {
    expect(wxacodeRequest('building', 'ABCD2345')).toEqual({
      scene: 'b=ABCD2345',
      page: 'pages/join/index',
      width: 430,
      checkPath: false,
    })
    expect(() => wxacodeRequest('grid', 'abc')).toThrow()
  })
})

describe('codes: ids, paths, labels', () => {
  it.each([
    ['building', 'x1', 'b_x1'],
    ['grid', 'x1', 'g_x1'],
  ] as const)('the pointer of %s %s is %s', (target, id, expected) => {
    expect(codeTargetIdFor(target, id)).toBe(expected)
  })

  it('stores one image per code under the target', () => {
    expect(codeImagePath('bd-1', 'ABCD2345')).toBe('codes/bd-1/ABCD2345.png')
  })

  it('labels each image for screen readers', () => {
    expect(codeImageLabel('1号楼')).toBe('1号楼 入格二维码')
  })
})

describe('codes: remembered regenerate requests', () => {
  it.each([
    [[], 'a', ['a']],
    [['b', 'a'], 'c', ['c', 'b', 'a']],
    [['b', 'a'], 'a', ['a', 'b']],
  ])('%j + %s → %j', (ids, id, expected) => {
    expect(rememberRequest(ids, id)).toEqual(expected)
  })

  it(`keeps the newest ${REMEMBERED_REQUESTS}`, () => {
    const many = Array.from({ length: 30 }, (_, i) => `r${i}`)
    const kept = many.reduce<string[]>((ids, id) => rememberRequest(ids, id), [])
    expect(kept).toHaveLength(REMEMBERED_REQUESTS)
    expect(kept[0]).toBe('r29')
    expect(kept).not.toContain('r9')
  })
})

describe('codes: natural order of names', () => {
  it.each([
    [
      ['10号楼', '2号楼', '1号楼'],
      ['1号楼', '2号楼', '10号楼'],
    ],
    [
      ['第10网格', '第9网格'],
      ['第9网格', '第10网格'],
    ],
    [
      ['3号楼', '3号楼'],
      ['3号楼', '3号楼'],
    ],
  ])('%j → %j', (names, expected) => {
    const items = names.map((name, i) => ({ id: `id${names.length - i}`, name }))
    expect([...items].sort(byNaturalName).map((x) => x.name)).toEqual(expected)
  })

  it('is total: equal names fall back to ids', () => {
    expect(byNaturalName({ id: 'a', name: '1号楼' }, { id: 'b', name: '1号楼' })).toBeLessThan(0)
  })
})

describe('codes: who may view and regenerate (scoped)', () => {
  const grid = { streetId: 's', communityId: 'c', gridId: 'g' }
  const building = { ...grid, buildingId: 'b' }
  const viewers: readonly Role[] = ['grid_worker', 'community_admin', 'street_admin']
  const regenerators: readonly Role[] = ['community_admin', 'street_admin']
  const cells = Roles.flatMap((role) =>
    (['inside', 'elsewhere'] as const).flatMap((where) =>
      (['codes.list', 'codes.regenerate'] as const).map((action) => [action, role, where] as const),
    ),
  )

  it.each(cells)('%s as %s %s', (action, role, where) => {
    const actor = where === 'inside' ? actorWith(role) : actorWith(role, elsewhereOf[role])
    const allowedRoles = action === 'codes.list' ? viewers : regenerators
    const expected = where === 'inside' && allowedRoles.includes(role)
    expect(can(actor, action, action === 'codes.list' ? grid : building)).toBe(expected)
  })
})
