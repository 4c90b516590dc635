/**
 * CloudBase timer triggers: 7-field cron "sec min hour day month weekday year", evaluated in UTC+8.
 * Fields accept *, numbers, ranges a-b, lists a,b and steps (star/n, a/n, a-b/n); months and weekdays
 * also accept English abbreviations. Day and weekday combine with OR when both are restricted.
 */
const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
  [1970, 2099],
]
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

export interface Cron {
  fields: Array<Set<number> | null>
  source: string
}

function num(token: string, field: number): number {
  const up = token.toUpperCase()
  if (field === 4 && MONTHS.includes(up)) return MONTHS.indexOf(up) + 1
  if (field === 5 && DAYS.includes(up)) return DAYS.indexOf(up)
  if (!/^\d+$/.test(token)) throw new Error(`bad cron token "${token}"`)
  const n = Number(token)
  return field === 5 && n === 7 ? 0 : n
}

export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/)
  if (parts.length !== 7)
    throw new Error(`cron "${expr}" must have 7 fields (sec min hour day month weekday year)`)
  const fields = parts.map((p, i) => {
    if (p === '*' || p === '?') return null
    const [lo, hi] = RANGES[i] as [number, number]
    const set = new Set<number>()
    for (const item of p.split(',')) {
      const [range, stepStr] = item.split('/') as [string, string | undefined]
      const step = stepStr === undefined ? 1 : Number(stepStr)
      if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step in "${item}"`)
      let a: number
      let b: number
      if (range === '*') [a, b] = [lo, hi]
      else if (range.includes('-')) {
        const [x, y] = range.split('-') as [string, string]
        a = num(x, i)
        b = num(y, i)
      } else {
        a = num(range, i)
        b = stepStr === undefined ? a : hi
      }
      if (a < lo || b > hi || a > b) throw new Error(`cron field ${i + 1} out of range in "${expr}"`)
      for (let v = a; v <= b; v += step) set.add(v)
    }
    return set
  })
  return { fields, source: expr }
}

/** does the cron fire at this instant (second resolution), reading the clock in UTC+8 */
export function cronMatches(cron: Cron, at: Date): boolean {
  const t = new Date(at.getTime() + 8 * 3600_000)
  const values = [
    t.getUTCSeconds(),
    t.getUTCMinutes(),
    t.getUTCHours(),
    t.getUTCDate(),
    t.getUTCMonth() + 1,
    t.getUTCDay(),
    t.getUTCFullYear(),
  ]
  const f = cron.fields
  const ok = (i: number): boolean => {
    const s = f[i]
    return !s || s.has(values[i] as number)
  }
  for (const i of [0, 1, 2, 4, 6]) if (!ok(i)) return false
  const dayRestricted = f[3] !== null
  const wdRestricted = f[5] !== null
  if (dayRestricted && wdRestricted) return ok(3) || ok(5)
  return ok(3) && ok(5)
}
