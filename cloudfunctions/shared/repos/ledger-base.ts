/**
 * What every part of the points ledger store shares: the collections, the page size and its cursor,
 * and who may read a community's ledger (its admins, or the street admin over it).
 */
import { holdsOver, isAdminOf } from '../../../src/core/access'
import type { Actor } from '../../../src/core/roles'
import { timeCursor } from './paging'

export const TRANSFERS = 'point_transfers'
export const ENTRIES = 'point_entries'
export const ACCOUNTS = 'point_accounts'

export const PAGE = 20

export const cursorAfter = (list: readonly { at: Date; _id: string }[]): string | null => {
  const last = list.length > PAGE ? list[PAGE - 1] : undefined
  return last ? timeCursor(last.at, last._id) : null
}

/** Communities where the actor is a community admin, or the street admin over it. */
export const adminOf = (actor: Actor, communityId: string, streetId?: string) =>
  isAdminOf(actor, communityId) ||
  (streetId !== undefined && holdsOver(actor, 'street_admin', { streetId, communityId }))
