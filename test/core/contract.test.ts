import { apiActions, isApiActionName } from '../../src/core/api'
import { parseInput } from '../../src/core/contract/validate'
import { DomainError } from '../../src/core/errors'

describe('action contract', () => {
  it('knows its actions and nothing else', () => {
    expect(isApiActionName('me.profile')).toBe(true)
    expect(isApiActionName('toString')).toBe(false)
    expect(isApiActionName('me.erase_everyone')).toBe(false)
  })

  it.each([
    ['empty object', {}, true],
    ['unexpected key', { openid: 'forged' }, false],
    ['not an object', 'x', false],
    ['null', null, false],
  ])('me.profile input: %s', (_name, input, ok) => {
    const run = () => parseInput(apiActions['me.profile'].input, input)
    if (ok) expect(run()).toEqual({})
    else expect(run).toThrow(DomainError)
  })

  it('names the failing path in INPUT.INVALID details', () => {
    try {
      parseInput(apiActions['me.profile'].input, { openid: 'forged' })
      throw new Error('should have thrown')
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError)
      expect((err as DomainError).code).toBe('INPUT.INVALID')
      expect((err as DomainError).details.length).toBeGreaterThan(0)
    }
  })
})
