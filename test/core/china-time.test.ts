import {
  chinaDay,
  clock,
  duration,
  fullDate,
  hoursDuration,
  isoDay,
  monthDay,
  shortTime,
  spanText,
  stamp,
} from '../../src/core/china-time'
import { beijingDate as activityDay } from '../../src/core/activities/rules'
import { beijingTime } from '../../src/core/notify/templates'
import { beijingDate as orderDay } from '../../src/core/orders/sla'

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

  it.each([
    ['UTC evening is the next China day', '2026-12-02T17:41:59Z', '2026-12-03 01:41', '2026-12-03'],
    ['China midnight exactly', '2026-12-02T16:00:00Z', '2026-12-03 00:00', '2026-12-03'],
    ['one second before China midnight', '2026-12-02T15:59:59Z', '2026-12-02 23:59', '2026-12-02'],
    ['new year', '2026-12-31T16:30:00Z', '2027-01-01 00:30', '2027-01-01'],
    ['leap day', '2028-02-28T16:00:00Z', '2028-02-29 00:00', '2028-02-29'],
  ])('stamps %s', (_name, at, time, day) => {
    expect(stamp(at)).toBe(time)
    expect(stamp(new Date(at))).toBe(time)
    expect(isoDay(at)).toBe(day)
    // The older names are the same formatter.
    expect(beijingTime(new Date(at))).toBe(time)
    expect(orderDay(new Date(at))).toBe(day)
    expect(activityDay(new Date(at))).toBe(day)
  })

  const MIN = 60_000
  it.each([
    [null, '—'],
    [Number.NaN, '—'],
    [-MIN, '—'],
    [0, '不到 1 分钟'],
    [29_000, '不到 1 分钟'],
    [MIN, '1 分钟'],
    [45 * MIN, '45 分钟'],
    [59 * MIN, '59 分钟'],
    [59.6 * MIN, '1 小时'],
    [60 * MIN, '1 小时'],
    [90 * MIN, '1.5 小时'],
    [26 * 60 * MIN + 6 * MIN, '26.1 小时'],
  ])('duration(%p) is %p', (ms, text) => {
    expect(duration(ms)).toBe(text)
  })

  it('reads durations in hours the same way (a one-minute accept is not "0 小时")', () => {
    expect(hoursDuration(1 / 60)).toBe('1 分钟')
    expect(hoursDuration(0.5)).toBe('30 分钟')
    expect(hoursDuration(2.25)).toBe('2.3 小时')
    expect(hoursDuration(null)).toBe('—')
  })
})

describe('one clock', () => {
  it('no code in src/ formats a time in the local zone: it goes through china-time.ts', () => {
    const { readdirSync, readFileSync, statSync } = jest.requireActual<typeof import('node:fs')>('node:fs')
    const { join, relative } = jest.requireActual<typeof import('node:path')>('node:path')
    const root = join(__dirname, '..', '..')
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name)
        if (statSync(p).isDirectory()) walk(p)
        else if (/\.tsx?$/.test(name)) files.push(p)
      }
    }
    walk(join(root, 'src'))
    const local =
      /toLocale(Date|Time)?String|\.get(Hours|Minutes|Date|Day|Month|FullYear)\(\)|Intl\.DateTimeFormat|from 'dayjs'|8 \* 3_?600_?000/
    const offenders = files
      .filter((f) => !f.endsWith(join('core', 'china-time.ts')))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => [line, i] as const)
          .filter(([line]) => local.test(line))
          .map(([line, i]) => `${relative(root, f)}:${i + 1}: ${line.trim()}`),
      )
    expect(offenders).toEqual([])
  })
})
