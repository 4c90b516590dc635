/**
 * Admission: the household at a unit and room (found, or named with a fresh opaque id), and the
 * write that makes the applicant its resident, inside the approving transaction.
 */
import { grantsAfterAdmission, householdPathOf } from '../../../src/core/join/decide'
import { roomKey, type JoinRecord } from '../../../src/core/join/model'
import type { UserRecord } from '../../../src/core/me/model'
import type { Tx } from '../tx'
import { isDuplicateKey, newId } from '../ids'
import { householdAt } from './docs'

/** The household at a unit and room: its opaque id, and whether it is stored yet. */
export interface Home {
  readonly id: string
  readonly stored: boolean
}

/**
 * Finds the household at (unitId, room) — index `households.unit_room_unique` — or names a new one
 * with an opaque id (ADR 0016: the id never carries the address). Outside the transaction: a
 * where-query is not allowed inside one.
 */
async function homeAt(unitId: string, room: string): Promise<Home> {
  const found = await householdAt(unitId, room)
  return found ? { id: found._id, stored: true } : { id: newId('hh'), stored: false }
}

/**
 * Runs `admitting(home)` for the household at `place`, the unit and room of a join that admits its
 * applicant now; null when nobody is admitted (a pending submit, a rejection): no lookup then. Two
 * approvals for one new household at once: the second creation fails on the unique index, so it
 * runs again and finds the first's household.
 */
export async function withHome<T>(
  place: { readonly unitId: string; readonly room: string } | null,
  admitting: (home: Home | null) => Promise<T>,
): Promise<T> {
  if (!place) return admitting(null)
  for (let attempt = 0; ; attempt += 1) {
    const home = await homeAt(place.unitId, place.room)
    try {
      return await admitting(home)
    } catch (err) {
      if (home.stored || attempt >= 2 || !isDuplicateKey(err)) throw err
    }
  }
}

/**
 * Inside a transaction: the household exists, the user lives there and holds a resident grant.
 * For a move this replaces the old household and resident grant in the same write.
 */
export async function admit(tx: Tx, join: JoinRecord, user: UserRecord, home: Home): Promise<void> {
  const household = householdPathOf(join, home.id)
  if (!home.stored)
    await tx
      .collection('households')
      .doc(home.id)
      .set({
        level: 'household',
        streetId: household.streetId,
        communityId: household.communityId,
        gridId: household.gridId,
        buildingId: household.buildingId,
        unitId: household.unitId,
        room: roomKey(join.room),
      })
  await tx
    .collection('users')
    .doc(user._id)
    .update({
      householdId: household.householdId,
      displayName: join.name,
      realName: join.name,
      phone: join.phone,
      grants: grantsAfterAdmission(user.grants, household),
      lastJoinId: join._id,
    })
}
