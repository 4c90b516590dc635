import { chinaDay, clock, fullDate, monthDay, shortTime, spanText } from '../../src/core/china-time'

// 2026-11-22 09:05 in China is 01:05 UTC; the zone of the machine running this does not matter.
const NOW = new Date('2026-11-22T01:05:00Z')

describe('China wall-clock time', () => {
  it.each([
    ['the same morning', '2026-11-22T01:05:00Z', '11月22日', '11月22日 09:05'],
    ['late evening UTC is the next day in China', '2026-11-22T17:30:00Z', '11月23日', '11月23日 01:30'],
    ['another year shows the year', '2028-10-26T01:00:00Z', '2028年10月26日', '2028年10月26日 09:00'],
    ['last year too', '2025-12-20T06:00:00Z', '2025年12月20日', '2025年12月20日 14:00'],
    [
      'new year in China while still Dec 31 in UTC',
      '2026-12-31T16:30:00Z',
      '2027年1月1日',
      '2027年1月1日 00:30',
    ],
  ])('%s', (_name, at, day, time) => {
    expect(monthDay(at, NOW)).toBe(day)
    expect(shortTime(at, NOW)).toBe(time)
  })

  it('formats clocks, full dates, day keys and spans', () => {
    expect(clock('2026-11-22T01:05:00Z')).toBe('09:05')
    expect(fullDate('2026-11-22T17:30:00Z')).toBe('2026年11月23日')
    expect(chinaDay(NOW)).toBe('2026-11-22')
    expect(chinaDay(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23')
    expect(chinaDay(NOW, 1)).toBe('2026-11-23')
    expect(spanText('2026-11-22T01:00:00Z', '2026-11-22T03:00:00Z', NOW)).toBe('11月22日 09:00–11:00')
    expect(spanText('2026-11-22T14:00:00Z', '2026-11-22T17:00:00Z', NOW)).toBe(
      '11月22日 22:00 – 11月23日 01:00',
    )
  })
})
