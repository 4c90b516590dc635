/**
 * The 议事厅 (topic.list): a grid's topics, or a community's for its staff, newest first, 20 a page,
 * optionally one of the five steps (indexes `grid_created`, `grid_status_created`,
 * `community_created`, `community_status_created`).
 */
import { councilGrids, grantOver, isStaffOver, placeIds } from '../../../src/core/access'
import type { TopicPage } from '../../../src/core/deliberation/api'
import { TopicStepStatuses, type TopicRecord, type TopicStep } from '../../../src/core/deliberation/model'
import { homeOf, mayView } from '../../../src/core/deliberation/rules'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Grid } from '../../../src/core/org/model'
import { can } from '../../../src/core/permissions'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { cardOf, PAGE, TOPICS } from './deliberation-base'
import { getDoc } from './docs'
import { pageAfter } from './paging'

interface HallInput {
  readonly gridId?: string
  readonly communityId?: string
  readonly step?: TopicStep
  readonly cursor?: string
}

type HallPlace = { streetId: string; communityId: string; gridId: string | null }

async function placeOf(actor: Actor, input: HallInput): Promise<HallPlace> {
  if (input.communityId) {
    const c = await getDoc<{ streetId: string }>('communities', input.communityId)
    if (!c) throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
    const place = { streetId: c.streetId, communityId: input.communityId }
    if (!isStaffOver(actor, place))
      throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能查看所管辖社区的议题')
    return { ...place, gridId: null }
  }
  const gridId = input.gridId ?? (await defaultGrid(actor))
  const g = await getDoc<Grid>('grids', gridId)
  if (!g) throw new DomainError(CommonErrorCodes.NOT_FOUND, '网格不存在')
  const place = { streetId: g.streetId, communityId: g.communityId, gridId }
  if (!mayView(actor, { path: place }))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能查看本网格的议题')
  return place
}

const scopeOf = (p: HallPlace) =>
  p.gridId
    ? { streetId: p.streetId, communityId: p.communityId, gridId: p.gridId }
    : { streetId: p.streetId, communityId: p.communityId }

export async function list(actor: Actor, input: HallInput): Promise<TopicPage> {
  const place = await placeOf(actor, input)
  const _ = db().command
  const where = {
    ...(place.gridId ? { 'path.gridId': place.gridId } : { 'path.communityId': place.communityId }),
    ...(input.step ? { status: _.in([...TopicStepStatuses[input.step]]) } : {}),
  }
  const page = await pageAfter<TopicRecord>(
    TOPICS,
    where,
    { field: 'createdAt', dir: 'desc' },
    input.cursor,
    PAGE,
  )
  return {
    gridId: place.gridId,
    communityId: place.communityId,
    staff: isStaffOver(actor, scopeOf(place)),
    canConfigure: can(actor, 'deliberation.configure', {
      streetId: place.streetId,
      communityId: place.communityId,
    }),
    canPropose: place.gridId !== null && grantOver(actor, 'resident')?.scope.gridId === place.gridId,
    canRaise: place.gridId !== null && isStaffOver(actor, scopeOf(place)),
    items: page.rows.map(cardOf),
    cursor: page.cursor,
  }
}

/**
 * The hall a caller opens without naming a place: a resident's own grid; else the first grid whose
 * council the caller sits on; else the first grid a grid worker works for; else the first grid of
 * a community admin's community.
 */
async function defaultGrid(actor: Actor): Promise<string> {
  if (grantOver(actor, 'resident')) return homeOf(actor).place.gridId
  const council = councilGrids(actor)[0]
  if (council) return council
  const worked = placeIds(actor, 'grid_worker', 'grid')[0]
  if (worked) return worked
  const community = placeIds(actor, 'community_admin', 'community')[0]
  if (community) {
    const res = await db()
      .collection('grids')
      .where({ communityId: community })
      .orderBy('_id', 'asc')
      .limit(1)
      .get()
    const first = (res.data as { _id: string }[])[0]
    if (first) return first._id
  }
  return homeOf(actor).place.gridId
}
