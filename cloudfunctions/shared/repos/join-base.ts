/**
 * What every part of the join store shares: the collection, the applicant's view of a request (with
 * the moves the join machine allows them), and their latest request.
 */
import type { MyJoin } from '../../../src/core/join/api'
import { joinMachine } from '../../../src/core/join/machine'
import type { JoinRecord } from '../../../src/core/join/model'
import type { Building, Grid, Unit } from '../../../src/core/org/model'
import { db } from '../sdk'
import { firstDoc, getDoc } from './docs'

export const JOINS = 'join_requests'

export async function viewOf(join: JoinRecord): Promise<MyJoin> {
  const [grid, building, unit] = await Promise.all([
    getDoc<Grid>('grids', join.path.gridId),
    getDoc<Building>('buildings', join.path.buildingId),
    getDoc<Unit>('units', join.path.unitId),
  ])
  return {
    joinId: join._id,
    status: join.status,
    gridName: grid?.name ?? '',
    buildingName: building?.name ?? '',
    unitName: unit?.name ?? '',
    room: join.room,
    reason: join.reason,
    move: Boolean(join.moveFrom),
    moves: joinMachine.movesFor(join.status, 'applicant'),
  }
}

/** The caller's latest request, not counting those anonymised when they erased their data. */
export async function latestJoin(userId: string): Promise<JoinRecord | null> {
  const res = await db()
    .collection(JOINS)
    .where({ userId, erased: db().command.neq(true) })
    .orderBy('createdAt', 'desc')
    .limit(1)
    .get()
  return firstDoc<JoinRecord>(res.data)
}
