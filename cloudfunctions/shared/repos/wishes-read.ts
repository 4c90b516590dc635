/**
 * The wish wall's reads: one wish as the caller may see it, a tab of a wall (whose wall: the grid
 * named, else my own), and the grid's helpers for a group claim.
 */
import { CommunityStaffRoles, homeOf, holdsOver, isResidentOf, placeIds } from '../../../src/core/access'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Grid } from '../../../src/core/org/model'
import type { Actor } from '../../../src/core/roles'
import type { WishDetail, WishHelper, WishPage, WishTab } from '../../../src/core/wishes/api'
import { WishErrors } from '../../../src/core/wishes/errors'
import type { WishRecord } from '../../../src/core/wishes/model'
import { isGridHelper } from '../../../src/core/wishes/view'
import type { CallContext } from '../kit'
import { staffOver } from '../notify'
import { db } from '../sdk'
import { getDoc } from './docs'
import { afterTimeCursor, timeCursor } from './paging'
import { cardOf, detailOf, load, PAGE, visible, WISHES, forbidden } from './wishes-base'

export async function get(ctx: CallContext, wishId: string, now: Date): Promise<WishDetail> {
  return detailOf(ctx, visible(ctx.actor, await load(wishId)), 'wish.get', now)
}

interface Scope {
  readonly gridId: string | null
  readonly where: object
  readonly staff: boolean
  readonly canPost: boolean
}

/** Whose wall: the grid named (if the caller belongs to it), else my home grid, my helper or staff grid, my community. */
async function scopeOf(actor: Actor, gridId: string | undefined): Promise<Scope | null> {
  const gid =
    gridId ??
    homeOf(actor)?.gridId ??
    placeIds(actor, 'helper', 'grid')[0] ??
    placeIds(actor, 'grid_worker', 'grid')[0]
  if (gid) {
    const grid = await getDoc<Grid>('grids', gid)
    if (!grid) throw new DomainError(CommonErrorCodes.NOT_FOUND, '网格不存在')
    const place = { streetId: grid.streetId, communityId: grid.communityId, gridId: gid }
    const staff = holdsOver(actor, CommunityStaffRoles, place)
    const resident = isResidentOf(actor, place)
    if (!staff && !resident && !isGridHelper(actor, { path: place }))
      throw forbidden('只能查看本网格的心愿墙')
    return { gridId: gid, where: { 'path.gridId': gid }, staff, canPost: staff || resident }
  }
  const community = placeIds(actor, 'community_admin', 'community')[0]
  if (community)
    return { gridId: null, where: { 'path.communityId': community }, staff: true, canPost: false }
  return null
}

const TAB_STATUS: Readonly<Record<Exclude<WishTab, 'mine'>, readonly WishRecord['status'][]>> = {
  open: ['published'],
  doing: ['claimed', 'fulfilled'],
  done: ['closed'],
  review: ['pending', 'fulfilled', 'expired'],
}

/** wish.list: a tab of the wall, indexed and keyset-paged (20 a page). */
export async function list(
  actor: Actor,
  input: { tab: WishTab; gridId?: string; cursor?: string },
): Promise<WishPage> {
  const _ = db().command
  if (input.tab === 'mine') {
    // My own, wherever they are; a grid named must still exist.
    if (input.gridId && !(await getDoc<Grid>('grids', input.gridId)))
      throw new DomainError(CommonErrorCodes.NOT_FOUND, '网格不存在')
    const me = actor.userId
    const res = await db()
      .collection(WISHES)
      .where(
        _.and([
          _.or([{ ownerId: me }, { postedBy: me }, { claimantIds: me }]),
          afterTimeCursor(input.cursor, 'createdAt', 'desc'),
        ]),
      )
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(PAGE + 1)
      .get()
    return pageOf(res.data as WishRecord[], 'createdAt', {
      gridId: null,
      canPost: Boolean(homeOf(actor)?.gridId),
      pending: null,
    })
  }
  const scope = await scopeOf(actor, input.gridId)
  if (!scope) return { gridId: null, items: [], cursor: null, canPost: false, pending: null }
  if (input.tab === 'review' && !scope.staff) throw forbidden('只有网格工作人员可以核实心愿')
  const field = input.tab === 'review' ? 'createdAt' : 'publishedAt'
  const dir = input.tab === 'review' ? 'asc' : 'desc'
  const [res, pending] = await Promise.all([
    db()
      .collection(WISHES)
      .where(
        _.and([
          scope.where,
          { status: _.in([...TAB_STATUS[input.tab]]) },
          afterTimeCursor(input.cursor, field, dir),
        ]),
      )
      .orderBy(field, dir)
      .orderBy('_id', dir)
      .limit(PAGE + 1)
      .get(),
    scope.staff
      ? db()
          .collection(WISHES)
          .where({ ...scope.where, status: 'pending' })
          .count()
      : Promise.resolve(null),
  ])
  return pageOf(res.data as WishRecord[], field, {
    gridId: scope.gridId,
    canPost: scope.canPost,
    pending: pending ? (pending.total as number) : null,
  })
}

function pageOf(
  docs: readonly WishRecord[],
  field: 'createdAt' | 'publishedAt',
  rest: Pick<WishPage, 'gridId' | 'canPost' | 'pending'>,
): WishPage {
  const page = docs.slice(0, PAGE)
  const last = page[page.length - 1]
  return {
    ...rest,
    items: page.map((w) => cardOf({ ...w, _id: String(w._id) })),
    cursor: docs.length > PAGE && last ? timeCursor(last[field] ?? last.createdAt, String(last._id)) : null,
  }
}

/** wish.helpers: the helpers of the wish's grid, for a group claim (the caller left out). */
export async function helpers(actor: Actor, wishId: string): Promise<{ helpers: WishHelper[] }> {
  const w = visible(actor, await load(wishId))
  if (!isGridHelper(actor, w))
    throw new DomainError(WishErrors.NOT_HELPER, '只有本网格的党员帮办和志愿者可以认领心愿')
  const users = await staffOver(['helper'], { ...w.path })
  return {
    helpers: users
      .filter((u) => u._id !== actor.userId)
      .map((u) => ({ userId: u._id, name: u.realName ?? u.displayName })),
  }
}
