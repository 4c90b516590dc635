/** The errand lists (the board, mine, the grid workers' queue) and one errand. */
import { CommunityStaffRoles, grantsOver, placeIds } from '../../../src/core/access'
import type { ErrandDetail, ErrandPage } from '../../../src/core/errands/api'
import { isGridStaff, mayTake } from '../../../src/core/errands/decide'
import type { ErrandRecord, ErrandType } from '../../../src/core/errands/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import type { CallContext } from '../kit'
import { db } from '../sdk'
import { pageAfter } from './paging'
import { ERRANDS, load, PAGE, visible } from './errands-base'
import { cardsOf, detailOf } from './errands-view'

/** A page of cards, as `actor` sees them (core/errands/view.ts: a list reveals no one else's data). */
async function page(
  actor: Actor,
  where: object,
  field: 'windowStart' | 'createdAt',
  dir: 'asc' | 'desc',
  cursor: string | undefined,
  keep: (e: ErrandRecord) => boolean = () => true,
): Promise<ErrandPage> {
  const shown = await pageAfter<ErrandRecord>(ERRANDS, where, { field, dir }, cursor, PAGE)
  return { items: await cardsOf(actor, shown.rows.filter(keep)), cursor: shown.cursor }
}

/** errand.board: open errands of my helper grids that I may take, soonest first. */
export async function board(
  actor: Actor,
  type: ErrandType | undefined,
  cursor: string | undefined,
): Promise<ErrandPage> {
  const _ = db().command
  const grids = placeIds(actor, 'helper', 'grid')
  if (grids.length === 0) return { items: [], cursor: null }
  const where = _.and([
    { open: true, 'path.gridId': _.in(grids) },
    type ? { type } : {},
    _.or([{ type: _.neq('child_pickup') }, { approvedHelperIds: actor.userId }]),
  ])
  return page(actor, where, 'windowStart', 'asc', cursor, (e) => mayTake(actor, e))
}

export async function mine(
  actor: Actor,
  as: 'requester' | 'helper',
  cursor: string | undefined,
): Promise<ErrandPage> {
  return page(
    actor,
    as === 'requester' ? { requesterId: actor.userId } : { helperId: actor.userId },
    'createdAt',
    'desc',
    cursor,
  )
}

/** errand.queue: disputed and locked errands of the grids I work for. */
export async function queue(actor: Actor, cursor: string | undefined): Promise<ErrandPage> {
  const _ = db().command
  const clauses = grantsOver(actor, CommunityStaffRoles).map((g) =>
    g.scope.gridId ? { 'path.gridId': g.scope.gridId } : { 'path.communityId': g.scope.communityId },
  )
  if (clauses.length === 0) return { items: [], cursor: null }
  return page(
    actor,
    _.and([{ status: _.in(['disputed', 'locked']) }, _.or(clauses)]),
    'createdAt',
    'desc',
    cursor,
    (e) => isGridStaff(actor, e.path),
  )
}

export async function get(ctx: CallContext, errandId: string, now: Date): Promise<ErrandDetail> {
  const e = await load(errandId)
  if (!visible(ctx.actor, e)) throw new DomainError(CommonErrorCodes.NOT_FOUND, '互助不存在或已删除')
  return detailOf(ctx.actor, e, { requestId: ctx.requestId, action: 'errand.get', now })
}
