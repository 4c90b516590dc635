/**
 * Who a caller is to a wish and what they may see of it: the policy, in one place. The store loads
 * what it allows (and logs a reveal of someone's contact before answering it).
 *
 * - The wall (its grid's residents and helpers, staff over it) sees the anonymised card: the
 *   number, the card's text, the place as staff chose to show it, never a name or a room; the
 *   posted photos only if staff chose to show them.
 * - The owner, whoever posted it and staff over its grid see everything of it.
 * - The claimant and the group's members see the contact (name, phone, address) while the wish is
 *   theirs to fulfil: claimed or fulfilled. Staff see it too. Every such answer is logged.
 * - A wish not (or no longer) on the wall (pending, declined, withdrawn, expired) is the owner's,
 *   its poster's and staff's only.
 */
import { CommunityStaffRoles, holdsOver, isResidentOf } from '../access'
import type { Actor } from '../roles'
import { wishMachine, type WishMove, type WishParty } from './machine'
import { maskName } from '../privacy/mask'
import type { WishRecord } from './model'

type Who = Pick<WishRecord, 'ownerId' | 'postedBy' | 'path' | 'status' | 'claim' | 'claimantIds' | 'kind'>

const gridOf = (w: Pick<WishRecord, 'path'>) => ({
  streetId: w.path.streetId,
  communityId: w.path.communityId,
  gridId: w.path.gridId,
})

export const isWishStaff = (actor: Actor, w: Pick<WishRecord, 'path'>): boolean =>
  holdsOver(actor, CommunityStaffRoles, gridOf(w))

export const isGridHelper = (actor: Actor, w: Pick<WishRecord, 'path'>): boolean =>
  holdsOver(actor, 'helper', gridOf(w))

/** The parties the caller is to this wish (possibly none). */
export function partiesOf(actor: Actor, w: Who): WishParty[] {
  const out: WishParty[] = []
  if (w.ownerId === actor.userId) out.push('owner')
  if (isWishStaff(actor, w)) out.push('staff')
  if (w.claim) {
    if (w.claim.by === actor.userId) out.push('claimant')
  } else if (
    w.status === 'published' &&
    actor.userId !== w.ownerId &&
    actor.userId !== w.postedBy &&
    isGridHelper(actor, w)
  ) {
    out.push('helper')
  }
  return out
}

export const OnWall: readonly WishRecord['status'][] = [
  'published',
  'claimed',
  'fulfilled',
  'closed',
  'promoted',
]

/** May the caller see this wish at all? */
export function mayView(actor: Actor, w: Who): boolean {
  if (w.ownerId === actor.userId || w.postedBy === actor.userId || isWishStaff(actor, w)) return true
  if (w.claimantIds.includes(actor.userId)) return true
  if (!OnWall.includes(w.status)) return false
  return isResidentOf(actor, gridOf(w)) || isGridHelper(actor, w)
}

export interface WishSight {
  /** The wish as posted (its own text, the poster's photos), and the decline / redo reason. */
  readonly full: boolean
  /** The family's contact: name, phone, address (logged when answered). */
  readonly contact: boolean
  /** The fulfilment's note and photos (before the story makes them public). */
  readonly fulfil: boolean
  /** The moves the caller may make now (the page's buttons). */
  readonly can: readonly WishMove[]
}

export function sightOf(actor: Actor, w: WishRecord, now: Date): WishSight {
  const parties = partiesOf(actor, w)
  const staff = parties.includes('staff')
  const full = staff || w.ownerId === actor.userId || w.postedBy === actor.userId
  const member = w.claimantIds.includes(actor.userId)
  const due = w.expiresAt !== null && new Date(w.expiresAt).getTime() <= now.getTime()
  return {
    full,
    contact: (staff || member) && (w.status === 'claimed' || w.status === 'fulfilled'),
    fulfil: full || member,
    can: wishMachine.movesFor(
      w.status,
      parties.filter((p) => p !== 'system'),
      { kind: w.kind, due },
    ),
  }
}

/** How the claim reads to others: the group's name and size, or the claimant's masked name. */
export function claimShown(w: Pick<WishRecord, 'claim'>): string | null {
  if (!w.claim) return null
  return w.claim.group
    ? `${w.claim.group.name}（${w.claim.group.members.length} 人）`
    : maskName(w.claim.byName)
}
