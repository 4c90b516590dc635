import { cronMatches, parseCron } from '../../emulator/src/functions/cron'
import { fixtures } from './helpers'
import { startTestEmulator } from '../support/emulator'

// instants given in UTC+8 (the platform evaluates timer crons in China Standard Time)
const cst = (iso: string): Date => new Date(`${iso}+08:00`)

describe('7-field cron (sec min hour day month weekday year), UTC+8', () => {
  it.each([
    ['0 */5 * * * * *', '2026-03-02T10:05:00', true],
    ['0 */5 * * * * *', '2026-03-02T10:06:00', false],
    ['0 */5 * * * * *', '2026-03-02T10:05:01', false],
    ['0 0 2 * * * *', '2026-03-02T02:00:00', true],
    ['0 0 2 * * * *', '2026-03-01T18:00:00', false], // 02:00 UTC is 10:00 in UTC+8
    ['0 30 9 * * MON-FRI *', '2026-03-02T09:30:00', true], // a Monday
    ['0 30 9 * * MON-FRI *', '2026-03-01T09:30:00', false], // a Sunday
    ['0 0 8 1,15 * * *', '2026-03-15T08:00:00', true],
    ['0 0 8 1 JAN * 2027', '2026-01-01T08:00:00', false],
    ['0 0 8 1 JAN * 2027', '2027-01-01T08:00:00', true],
    ['10-20/5 * * * * * *', '2026-03-02T10:05:15', true],
  ])('%s at %s → %s', (expr, at, expected) => {
    expect(cronMatches(parseCron(expr), cst(at))).toBe(expected)
  })

  it('rejects malformed expressions', () => {
    expect(() => parseCron('0 */5 * * * *')).toThrow(/7 fields/)
    expect(() => parseCron('61 * * * * * *')).toThrow(/range/)
    expect(() => parseCron('x * * * * * *')).toThrow()
  })
})

it('fires timer triggers on their schedule', async () => {
  const emu = await startTestEmulator({ functionsDir: fixtures, timers: true })
  try {
    const deadline = Date.now() + 10_000
    let n = 0
    while (Date.now() < deadline && n < 2) {
      await new Promise((r) => setTimeout(r, 250))
      n = (await emu.app.database().collection('ticks').where({ trigger: 'everySecond' }).count())
        .total as number
    }
    expect(n).toBeGreaterThanOrEqual(2)
  } finally {
    await emu.stop()
  }
}, 30_000)
