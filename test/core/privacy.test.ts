import { maskName, maskPhone, maskRoom } from '../../src/core/privacy/mask'

describe('masking', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['19900001111', '199****1111'],
    ['0851-8888666', '08*******66'],
    ['110', '***'],
    ['', ''],
  ])('phone %s → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked)
  })

  it('never leaks the middle digits of a mobile number', () => {
    expect(maskPhone('13812345678')).not.toContain('1234')
  })

  it.each([
    ['王秀英', '王**'],
    ['李明', '李*'],
    ['欧阳娜娜', '欧***'],
    ['张', '张*'],
    ['  ', ''],
  ])('name %s → %s', (input, masked) => {
    expect(maskName(input)).toBe(masked)
  })

  it.each([
    ['302', '3**'],
    ['1201', '1***'],
    ['5', '*'],
  ])('room %s → %s', (input, masked) => {
    expect(maskRoom(input)).toBe(masked)
  })
})
