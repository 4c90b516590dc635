// What a person reads when a call fails: the code's copy; for a code whose copy ships with a
// subpackage not loaded on this device, the function's own words when written for a person.
import { ServiceError, failureCopy } from '../../src/services/cloud'
import { errorCopy, registerCopy } from '../../src/services/error-copy'

describe('the copy of a failed call', () => {
  it('is the code’s copy when there is one, whatever the function said', () => {
    expect(new ServiceError('AUTH.FORBIDDEN', 'forbidden').copy).toBe('您没有权限进行此操作')
    expect(failureCopy(new ServiceError('DATA.CONFLICT', '操作冲突'), '失败')).toBe(
      errorCopy('DATA.CONFLICT'),
    )
  })

  it('is the function’s Chinese message for a code without copy here, never a raw English one', () => {
    expect(new ServiceError('MARKETX.SOLD_OUT' as never, '已兑完，请留意补货').copy).toBe(
      '已兑完，请留意补货',
    )
    expect(new ServiceError('MARKETX.SOLD_OUT' as never, 'sold out').copy).toBe(errorCopy('INTERNAL'))
  })

  it('switches to the registered copy once the subpackage that owns the code has loaded', () => {
    expect(new ServiceError('TESTX.ONE' as never, '函数的原话').copy).toBe('函数的原话')
    registerCopy({ 'TESTX.ONE': '子包的文案' })
    expect(new ServiceError('TESTX.ONE' as never, '函数的原话').copy).toBe('子包的文案')
  })
})
