/**
 * The staff's notices: a community's or a street's list as it manages them, and the places the
 * caller may publish for.
 */
import { placeIds } from '../../../src/core/access'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { NoticeManagePage, PublishOptions } from '../../../src/core/notices/api'
import { NOTICES, type NoticeRecord } from '../../../src/core/notices/model'
import { mayPublish } from '../../../src/core/notices/rules'
import type { Actor } from '../../../src/core/roles'
import type { Community, Street } from '../../../src/core/org/model'
import { db } from '../sdk'
import { getDoc, namesByIds } from './docs'
import { pageAfter } from './paging'
import { cardsOf, forbidden, PAGE } from './notices-base'

/** notice.manage: a community's notices (its own and its grids') or a street's (all), newest first (index `places_created`). */
export async function manage(
  actor: Actor,
  input: { communityId?: string | undefined; streetId?: string | undefined; cursor?: string | undefined },
  now: Date,
): Promise<NoticeManagePage> {
  let placeId: string
  let placeName: string
  if (input.communityId) {
    const c = await getDoc<Community>('communities', input.communityId)
    if (!c) throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
    if (!mayPublish(actor, { streetId: c.streetId, communityId: c._id }))
      throw forbidden('只能查看自己负责社区的公告')
    placeId = c._id
    placeName = c.name
  } else {
    const streetId = input.streetId ?? placeIds(actor, 'street_admin', 'street')[0]
    const s = streetId ? await getDoc<Street>('streets', streetId) : null
    if (!s) throw new DomainError(CommonErrorCodes.NOT_FOUND, '街道不存在')
    if (!mayPublish(actor, { streetId: s._id, communityId: null }))
      throw forbidden('只能查看自己负责街道的公告')
    placeId = s._id
    placeName = s.name
  }
  const page = await pageAfter<NoticeRecord>(
    NOTICES,
    { places: placeId },
    { field: 'createdAt', dir: 'desc' },
    input.cursor,
    PAGE,
  )
  return { placeName, items: await cardsOf(page.rows, now), cursor: page.cursor }
}

/** notice.options: the streets and communities the caller may publish for; a community's grids. */
export async function options(actor: Actor, communityId: string | undefined): Promise<PublishOptions> {
  const streetIds = placeIds(actor, 'street_admin', 'street')
  const _ = db().command
  const [streets, own, inStreets] = await Promise.all([
    namesByIds('streets', streetIds),
    namesByIds('communities', placeIds(actor, 'community_admin', 'community')),
    streetIds.length > 0
      ? db()
          .collection('communities')
          .where({ streetId: _.in(streetIds) })
          .field({ _id: true, name: true })
          .limit(100)
          .get()
      : { data: [] },
  ])
  const communities = new Map(own)
  for (const c of inStreets.data as { _id: string; name: string }[]) communities.set(c._id, c.name)
  let grids: { id: string; name: string }[] = []
  if (communityId) {
    const c = await getDoc<Community>('communities', communityId)
    if (!c) throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
    if (!mayPublish(actor, { streetId: c.streetId, communityId: communityId }))
      throw forbidden('只能在自己负责的社区发布公告')
    const res = await db()
      .collection('grids')
      .where({ communityId })
      .field({ _id: true, name: true })
      .limit(100)
      .get()
    grids = (res.data as { _id: string; name: string }[])
      .map((g) => ({ id: g._id, name: g.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))
  }
  const opt = (m: Map<string, string>) => [...m].map(([id, name]) => ({ id, name }))
  return { streets: opt(streets), communities: opt(communities), grids, me: actor.userId }
}
