import type { Polygon } from '../org/model'

/**
 * A grid's boundary: a simple polygon of [longitude, latitude] points in GCJ-02 (the coordinates
 * WeChat maps use). GCJ-02 is only defined inside China, so points must lie in China's bounding box;
 * that also catches the most common mistake, latitude and longitude swapped.
 */

export const BOUNDARY_MIN_POINTS = 3
export const BOUNDARY_MAX_POINTS = 200
export const LNG_RANGE = [73, 136] as const
export const LAT_RANGE = [3, 54] as const

type Point = readonly [number, number]

const inRange = (x: number, [lo, hi]: readonly [number, number]) => x >= lo && x <= hi
const same = (a: Point, b: Point) => a[0] === b[0] && a[1] === b[1]

/** A closing point equal to the first is allowed and dropped: the polygon closes itself. */
export function openRing(points: readonly Point[]): Point[] {
  const out = [...points]
  const first = out[0]
  const last = out[out.length - 1]
  if (out.length > 1 && first && last && same(first, last)) out.pop()
  return out
}

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
}

/** Do segments ab and cd intersect (touching counts)? */
function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a)
  const d2 = cross(c, d, b)
  const d3 = cross(a, b, c)
  const d4 = cross(a, b, d)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true
  const onSegment = (p: Point, q: Point, r: Point) =>
    Math.min(p[0], q[0]) <= r[0] &&
    r[0] <= Math.max(p[0], q[0]) &&
    Math.min(p[1], q[1]) <= r[1] &&
    r[1] <= Math.max(p[1], q[1])
  return (
    (d1 === 0 && onSegment(c, d, a)) ||
    (d2 === 0 && onSegment(c, d, b)) ||
    (d3 === 0 && onSegment(a, b, c)) ||
    (d4 === 0 && onSegment(a, b, d))
  )
}

/**
 * Everything wrong with a boundary, in Chinese for the admin (empty when it is a valid polygon):
 * 3–200 points, finite and inside China, no repeated point, non-zero area, edges not crossing.
 */
export function boundaryProblems(points: readonly Point[]): string[] {
  const ring = openRing(points)
  if (ring.length < BOUNDARY_MIN_POINTS) return [`边界至少需要 ${BOUNDARY_MIN_POINTS} 个点`]
  if (ring.length > BOUNDARY_MAX_POINTS) return [`边界最多 ${BOUNDARY_MAX_POINTS} 个点`]
  const problems: string[] = []
  ring.forEach(([lng, lat], i) => {
    const n = i + 1
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) problems.push(`第 ${n} 个点不是有效数字`)
    else if (!inRange(lng, LNG_RANGE) || !inRange(lat, LAT_RANGE)) {
      const swapped = inRange(lat, LNG_RANGE) && inRange(lng, LAT_RANGE)
      problems.push(`第 ${n} 个点不在国内坐标范围内${swapped ? '（经纬度可能写反了，应为“经度,纬度”）' : ''}`)
    }
  })
  if (problems.length > 0) return problems
  const seen = new Map<string, number>()
  ring.forEach((p, i) => {
    const key = `${p[0]},${p[1]}`
    const first = seen.get(key)
    if (first !== undefined) problems.push(`第 ${i + 1} 个点与第 ${first + 1} 个点重复`)
    else seen.set(key, i)
  })
  if (problems.length > 0) return problems
  const n = ring.length
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      // Adjacent edges share a point by construction.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue
      const a = ring[i] as Point
      const b = ring[(i + 1) % n] as Point
      const c = ring[j] as Point
      const d = ring[(j + 1) % n] as Point
      if (segmentsMeet(a, b, c, d)) return [`边界的第 ${i + 1} 条边与第 ${j + 1} 条边相交，请按顺序排列各点`]
    }
  }
  let twiceArea = 0
  ring.forEach((p, i) => {
    const q = ring[(i + 1) % ring.length] ?? p
    twiceArea += p[0] * q[1] - q[0] * p[1]
  })
  if (twiceArea === 0) return ['边界的点在一条直线上，围不成区域']
  return []
}

export interface TextLineError {
  readonly line: number
  readonly message: string
}

/**
 * The admin pastes points one per line as "经度,纬度" (e.g. `112.5489,37.8706`); a Chinese comma,
 * spaces or tabs also separate. Blank lines are skipped. Returns the polygon or every line's error.
 */
export function parseBoundaryText(
  text: string,
):
  | { readonly ok: true; readonly polygon: Polygon }
  | { readonly ok: false; readonly errors: readonly TextLineError[] } {
  const errors: TextLineError[] = []
  const points: Point[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    if (!line) return
    const parts = line.split(/\s*[,，\s]\s*/).filter((s) => s !== '')
    const nums = parts.map((s) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN))
    const [lng, lat] = nums
    if (
      nums.length !== 2 ||
      lng === undefined ||
      lat === undefined ||
      Number.isNaN(lng) ||
      Number.isNaN(lat)
    ) {
      errors.push({ line: i + 1, message: '请写成“经度,纬度”，如 112.5489,37.8706' })
    } else points.push([lng, lat])
  })
  if (errors.length > 0) return { ok: false, errors }
  const problems = boundaryProblems(points)
  if (problems.length > 0) return { ok: false, errors: problems.map((message) => ({ line: 0, message })) }
  return { ok: true, polygon: openRing(points) }
}

/** The boundary as the admin edits it: one "lng,lat" per line. */
export function boundaryToText(polygon: Polygon | null | undefined): string {
  return (polygon ?? []).map(([lng, lat]) => `${lng},${lat}`).join('\n')
}
