/**
 * Charts drawn as small SVG documents, shown as an image (a data URI works in the WeChat `image`
 * component and in a browser alike, and costs no chart library). The words are never inside the
 * picture: every chart stands beside a text summary and a table the page draws itself.
 * Colours meet 3:1 against white, and the two lines differ by dash as well as colour.
 */
import type { CountRow, TrendWeek } from './api'

export const ChartColors = [
  '#b8322a',
  '#1e6b3a',
  '#8a4b00',
  '#1d4f91',
  '#6b3fa0',
  '#4a4a4a',
  '#00695c',
] as const

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Base64 of an ASCII string (an SVG written here holds no other characters). */
export function base64Ascii(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i)
    const b = i + 1 < s.length ? s.charCodeAt(i + 1) : NaN
    const c = i + 2 < s.length ? s.charCodeAt(i + 2) : NaN
    const n = (a << 16) | ((Number.isNaN(b) ? 0 : b) << 8) | (Number.isNaN(c) ? 0 : c)
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!
    out += Number.isNaN(b) ? '=' : B64[(n >> 6) & 63]!
    out += Number.isNaN(c) ? '=' : B64[n & 63]!
  }
  return out
}

export const svgUri = (svg: string): string => `data:image/svg+xml;base64,${base64Ascii(svg)}`

const r1 = (n: number) => Math.round(n * 10) / 10

/** Two lines over the weeks: received (solid) and answered (dashed), on a 0…max scale. */
export function trendSvg(weeks: readonly TrendWeek[], width = 320, height = 140): string {
  const pad = 12
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.received, w.answered)))
  const x = (i: number) => pad + (weeks.length <= 1 ? 0 : (i * (width - 2 * pad)) / (weeks.length - 1))
  const y = (n: number) => height - pad - (n * (height - 2 * pad)) / max
  const line = (pick: (w: TrendWeek) => number) =>
    weeks.map((w, i) => `${r1(x(i))},${r1(y(pick(w)))}`).join(' ')
  const dots = (pick: (w: TrendWeek) => number, color: string) =>
    weeks.map((w, i) => `<circle cx="${r1(x(i))}" cy="${r1(y(pick(w)))}" r="3" fill="${color}"/>`).join('')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#d9d4cc"/>` +
    `<polyline fill="none" stroke="${ChartColors[0]}" stroke-width="2.5" points="${line((w) => w.received)}"/>` +
    dots((w) => w.received, ChartColors[0]) +
    `<polyline fill="none" stroke="${ChartColors[1]}" stroke-width="2.5" stroke-dasharray="6 4" points="${line((w) => w.answered)}"/>` +
    dots((w) => w.answered, ChartColors[1]) +
    `</svg>`
  )
}

/** A donut of the rows' shares, in ChartColors order (an empty ring when everything is zero). */
export function donutSvg(rows: readonly CountRow[], size = 140): string {
  const total = rows.reduce((s, r) => s + r.count, 0)
  const r = size / 2 - 14
  const c = 2 * Math.PI * r
  let at = 0
  const arcs = rows
    .map((row, i) => {
      if (row.count <= 0 || total === 0) return ''
      const len = (row.count / total) * c
      const arc =
        `<circle cx="${size / 2}" cy="${size / 2}" r="${r1(r)}" fill="none" stroke="${ChartColors[i % ChartColors.length]}"` +
        ` stroke-width="22" stroke-dasharray="${r1(len)} ${r1(c - len)}" stroke-dashoffset="${r1(-at)}"` +
        ` transform="rotate(-90 ${size / 2} ${size / 2})"/>`
      at += len
      return arc
    })
    .join('')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<circle cx="${size / 2}" cy="${size / 2}" r="${r1(r)}" fill="none" stroke="#eeeae4" stroke-width="22"/>` +
    arcs +
    `</svg>`
  )
}
