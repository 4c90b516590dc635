import { CommonErrorCodes, DomainError, isDomainError, isErrorCode } from '../../src/core/errors'

describe('error codes', () => {
  it.each([
    ['AUTH.FORBIDDEN', true],
    ['ERRAND.ALREADY_TAKEN', true],
    ['REPORT.INVALID_TRANSITION', true],
    ['INTERNAL', true],
    ['auth.forbidden', false],
    ['FORBIDDEN', false],
    ['AUTH.', false],
    ['.FORBIDDEN', false],
    ['AUTH.FORBIDDEN.EXTRA', false],
    ['AUTH FORBIDDEN', false],
  ])('%s is a well-formed code: %s', (code, ok) => {
    expect(isErrorCode(code)).toBe(ok)
  })

  it('every common code is well formed', () => {
    for (const code of Object.values(CommonErrorCodes)) expect(isErrorCode(code)).toBe(true)
  })

  it('refuses to construct an error with a malformed code', () => {
    expect(() => new DomainError('nope' as never, 'x')).toThrow('malformed error code')
  })

  it('carries code and details and is recognised', () => {
    const err = new DomainError('INPUT.INVALID', '输入有误', [{ path: 'a', message: 'b' }])
    expect(isDomainError(err)).toBe(true)
    expect(isDomainError(new Error('x'))).toBe(false)
    expect(err.code).toBe('INPUT.INVALID')
    expect(err.details).toEqual([{ path: 'a', message: 'b' }])
  })
})
