import type { Polygon } from '../org/model'

/**
 * Is the point inside the polygon (ray casting; [lng, lat] pairs, ring open or closed)? Points on
 * an edge count as inside, so a pin on the line between two grids lands in the first one tried.
 */
export function pointInPolygon(lng: number, lat: number, polygon: Polygon): boolean {
  const n = polygon.length
  if (n < 3) return false
  let inside = false
  for (let i = 0, j = n - 1; i < n; j = i, i += 1) {
    const [xi, yi] = polygon[i] as readonly [number, number]
    const [xj, yj] = polygon[j] as readonly [number, number]
    // On the segment?
    const cross = (lng - xi) * (yj - yi) - (lat - yi) * (xj - xi)
    if (
      Math.abs(cross) < 1e-12 &&
      lng >= Math.min(xi, xj) &&
      lng <= Math.max(xi, xj) &&
      lat >= Math.min(yi, yj) &&
      lat <= Math.max(yi, yj)
    ) {
      return true
    }
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** The first grid whose boundary contains the point, or null. Grids without a boundary never match. */
export function gridAt<G extends { readonly _id: string; readonly boundary?: Polygon }>(
  lng: number,
  lat: number,
  grids: readonly G[],
): G | null {
  return grids.find((g) => g.boundary && pointInPolygon(lng, lat, g.boundary)) ?? null
}
