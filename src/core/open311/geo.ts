/**
 * From GCJ-02 (the "Mars" datum every map in China, WeChat's `chooseLocation` included, gives and the
 * org tree's grid boundaries are drawn in) to WGS-84 (what GeoReport v2's lat/long mean), for the
 * Open311 feed. The offset is a few hundred metres, more than the feed's 100 m truncation.
 *
 * GCJ-02 is WGS-84 plus a published, deterministic distortion (Krasovsky 1940 ellipsoid and two
 * trigonometric series). It has no closed inverse. Subtracting the distortion computed at the GCJ
 * point is accurate to 1–2 m, far below the feed's 100 m cells. Outside China the datum is WGS-84
 * already.
 */
const A = 6378245.0 // Krasovsky 1940 semi-major axis (m)
const EE = 0.006693421622965943 // its first eccentricity squared
const { PI, sin, cos, sqrt, abs } = Math

/** Is the point outside the rectangle GCJ-02 applies to (then it is left as it is)? */
export function outsideChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function series(x: number, y: number, forLat: boolean): number {
  const base = forLat
    ? -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
    : 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
  const shared = ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3
  const t = forLat ? y : x
  const mid = ((20 * sin(t * PI) + 40 * sin((t / 3) * PI)) * 2) / 3
  const long = forLat
    ? ((160 * sin((y / 12) * PI) + 320 * sin((y * PI) / 30)) * 2) / 3
    : ((150 * sin((x / 12) * PI) + 300 * sin((x / 30) * PI)) * 2) / 3
  return base + shared + mid + long
}

/** The GCJ-02 distortion at a point, in degrees: [dLng, dLat]. */
function distortion(lng: number, lat: number): [number, number] {
  const x = lng - 105
  const y = lat - 35
  const radLat = (lat / 180) * PI
  const s = sin(radLat)
  const magic = 1 - EE * s * s
  const root = sqrt(magic)
  const dLat = (series(x, y, true) * 180) / (((A * (1 - EE)) / (magic * root)) * PI)
  const dLng = (series(x, y, false) * 180) / ((A / root) * cos(radLat) * PI)
  return [dLng, dLat]
}

/** A GCJ-02 point as WGS-84 (to within 1–2 m). */
export function gcjToWgs(lng: number, lat: number): { lng: number; lat: number } {
  if (outsideChina(lng, lat)) return { lng, lat }
  const [dLng, dLat] = distortion(lng, lat)
  return { lng: lng - dLng, lat: lat - dLat }
}

/** A WGS-84 point as GCJ-02 (the forward transform; for tests and for drawing). */
export function wgsToGcj(lng: number, lat: number): { lng: number; lat: number } {
  if (outsideChina(lng, lat)) return { lng, lat }
  const [dLng, dLat] = distortion(lng, lat)
  return { lng: lng + dLng, lat: lat + dLat }
}
