/** Where a report lands: the store's side (loading what core's routing, src/core/orders/route.ts, names). */
import { gridsToSearch, reportingGrant, routeReport } from '../../../src/core/orders/route'
import type { OrderLocation, OrderRecord } from '../../../src/core/orders/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Building, Grid } from '../../../src/core/org/model'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { getDoc } from './docs'

/**
 * Building names by grid, cached per warm instance: a report from the reporter's household shows
 * its building's name, and one query per grid (index `buildings.grid`) serves every later report
 * there. Names only (display, copied onto the order as written); routing never uses this cache.
 */
const BUILDINGS_TTL_MS = 10 * 60_000
const buildingNames = new Map<string, { at: number; names: Map<string, string> }>()

async function buildingName(gridId: string, buildingId: string): Promise<string> {
  const hit = buildingNames.get(gridId)
  if (hit && Date.now() - hit.at < BUILDINGS_TTL_MS && hit.names.has(buildingId))
    return hit.names.get(buildingId) ?? ''
  const res = await db().collection('buildings').where({ gridId }).field({ name: true }).limit(1000).get()
  const names = new Map((res.data as { _id: string; name: string }[]).map((b) => [b._id, b.name]))
  if (buildingNames.size > 200) buildingNames.clear()
  buildingNames.set(gridId, { at: Date.now(), names })
  return names.get(buildingId) ?? ''
}

export interface Place {
  readonly path: OrderRecord['path']
  readonly placeName: string
}

/** Where a report lands (core `routeReport`): the store loads the building or the grids it names. */
export async function placeOf(actor: Actor, location: OrderLocation, onBehalf: boolean): Promise<Place> {
  // A named building must exist, whoever asks (an unknown id is not found, #18 item 7).
  const building =
    location.kind === 'building' ? await getDoc<Building>('buildings', location.buildingId) : null
  if (location.kind === 'building' && !building)
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '所选楼栋不存在')
  const grant = reportingGrant(actor, onBehalf)
  const grids =
    location.kind === 'point'
      ? ((
          await db()
            .collection('grids')
            .where(gridsToSearch(grant, onBehalf))
            .field({ name: true, boundary: true, streetId: true, communityId: true })
            .limit(100)
            .get()
        ).data as Grid[])
      : []
  const route = routeReport(grant, location, onBehalf, { building, grids })
  return {
    path: route.path,
    placeName: route.placeName ?? (await buildingName(route.path.gridId, route.path.buildingId ?? '')),
  }
}
