import {
  CODE_ALPHABET,
  CODE_LENGTH,
  codeFromBytes,
  isInviteCode,
  parseScene,
  sceneFor,
  SCENE_MAX,
} from '../../src/core/org/invite-code'

const WXACODE_SCENE_CHARSET = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/

describe('invite codes', () => {
  it('has no look-alike characters', () => {
    for (const c of '01OIl') expect(CODE_ALPHABET).not.toContain(c)
  })

  it('builds codes of the fixed length from the alphabet', () => {
    const code = codeFromBytes([0, 1, 2, 3, 250, 251, 252, 255])
    expect(code).toHaveLength(CODE_LENGTH)
    expect(isInviteCode(code)).toBe(true)
  })

  it('refuses too few random bytes', () => {
    expect(() => codeFromBytes([1, 2, 3])).toThrow()
  })

  it.each(['building', 'grid'] as const)('a %s scene fits wxacode limits', (target) => {
    const scene = sceneFor(target, 'ABCD2345')
    expect(scene.length).toBeLessThanOrEqual(SCENE_MAX)
    expect(scene).toMatch(WXACODE_SCENE_CHARSET)
    expect(parseScene(scene)).toEqual({ target, code: 'ABCD2345' })
  })

  it.each([
    ['b=ABCD2345', { target: 'building', code: 'ABCD2345' }],
    ['g=ABCD2345', { target: 'grid', code: 'ABCD2345' }],
    ['b%3DABCD2345', { target: 'building', code: 'ABCD2345' }],
    ['  b=abcd2345 ', { target: 'building', code: 'ABCD2345' }],
    ['B=ABCD2345', { target: 'building', code: 'ABCD2345' }],
    ['x=ABCD2345', null],
    ['b=ABCD234', null],
    ['b=ABCD23450', null],
    ['b=ABCD0345', null],
    ['b=ABCD2345&g=ABCD2345', null],
    ['%E0%A4%A', null],
    ['', null],
  ])('parses scene %j', (raw, expected) => {
    expect(parseScene(raw)).toEqual(expected)
  })

  it('refuses to print a scene for a non-code', () => {
    expect(() => sceneFor('building', 'abc')).toThrow()
  })
})
