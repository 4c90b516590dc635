/**
 * The service guide's store (办事指南): it only talks to the SDK; the rules are src/core/guide.
 * A catalogue is small: a community's guide is two bounded reads (its street's entries and its
 * own, ≤ 200 each, index `place_code`), merged, searched and paged in memory.
 */
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { GuideCard, GuideDetail, GuidePage } from '../../../src/core/guide/api'
import {
  GUIDE_ENTRIES,
  GUIDE_LIMITS as L,
  type GuideFields,
  type GuideLevel,
  type GuideRecord,
} from '../../../src/core/guide/model'
import {
  checkEntry,
  guideCommunity,
  matches,
  mayEdit,
  merge,
  pageOf,
  textOfEntry,
  type Merged,
} from '../../../src/core/guide/rules'
import type { Community } from '../../../src/core/org/model'
import type { Actor } from '../../../src/core/roles'
import { isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { db } from '../sdk'
import { getDoc } from './docs'

async function community(communityId: string): Promise<Community> {
  const c = await getDoc<Community>('communities', communityId)
  if (!c || c.level !== 'community') throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
  return c
}

async function entriesOf(placeId: string, code?: string): Promise<GuideRecord[]> {
  const res = await db()
    .collection(GUIDE_ENTRIES)
    .where(code ? { placeId, code } : { placeId })
    .orderBy('code', 'asc')
    .limit(code ? 1 : L.perPlace)
    .get()
  return res.data as GuideRecord[]
}

const canOf = (actor: Actor, c: Community) => ({
  editCommunity: mayEdit(actor, 'community', { streetId: c.streetId, communityId: c._id }),
  editStreet: mayEdit(actor, 'street', { streetId: c.streetId }),
})

const cardOf = (e: Merged): GuideCard => ({
  code: e.code,
  title: e.title,
  category: e.category,
  hallName: e.hall.name,
  appointment: e.appointment,
  source: e.source,
})

function detailOf(actor: Actor, c: Community, e: Merged, streetHasIt: boolean): GuideDetail {
  return {
    code: e.code,
    communityId: c._id,
    source: e.source,
    title: e.title,
    category: e.category,
    materials: e.materials,
    hall: e.hall,
    phone: e.phone,
    duration: e.duration,
    appointment: e.appointment,
    notes: e.notes,
    updatedAt: new Date(e.updatedAt).toISOString(),
    streetHasIt,
    can: canOf(actor, c),
  }
}

/** guide.list: the merged catalogue of the community, searched, 30 a page. */
export async function list(
  actor: Actor,
  input: { communityId?: string | undefined; q?: string | undefined; cursor?: string | undefined },
): Promise<GuidePage> {
  const c = await community(guideCommunity(actor, input.communityId))
  const [street, own] = await Promise.all([entriesOf(c.streetId), entriesOf(c._id)])
  const all = merge(street, own).filter((e) => matches(e, input.q))
  const page = pageOf(all, input.cursor)
  return {
    communityId: c._id,
    communityName: c.name,
    items: page.items.map(cardOf),
    cursor: page.cursor,
    can: canOf(actor, c),
  }
}

async function merged(c: Community, code: string): Promise<{ entry: Merged | null; streetHasIt: boolean }> {
  const [street, own] = await Promise.all([entriesOf(c.streetId, code), entriesOf(c._id, code)])
  const [entry] = merge(street, own)
  return { entry: entry ?? null, streetHasIt: street.length > 0 }
}

/** guide.get: one service as the community's residents see it. */
export async function get(
  actor: Actor,
  input: { communityId?: string | undefined; code: string },
): Promise<GuideDetail> {
  const c = await community(guideCommunity(actor, input.communityId))
  const { entry, streetHasIt } = await merged(c, input.code)
  if (!entry) throw new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到这个事项')
  return detailOf(actor, c, entry, streetHasIt)
}

/**
 * guide.save: an admin of the level's place writes its entry of this code: created, or replaced
 * (a conditional write on its version). Writing the same fields again changes nothing but the time.
 */
export async function save(
  ctx: CallContext,
  input: { level: GuideLevel; communityId: string; code: string; fields: GuideFields },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<GuideDetail> {
  const { actor } = ctx
  const c = await community(input.communityId)
  if (!mayEdit(actor, input.level, { streetId: c.streetId, communityId: c._id }))
    throw new DomainError(
      CommonErrorCodes.FORBIDDEN,
      input.level === 'street' ? '街道的办事指南由街道管理员维护' : '只能维护本社区的办事指南',
    )
  const { code, fields } = checkEntry(input.code, input.fields)
  await check(textOfEntry(fields))
  const placeId = input.level === 'street' ? c.streetId : c._id
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const [was] = await entriesOf(placeId, code)
    if (was) {
      const res = (await db()
        .collection(GUIDE_ENTRIES)
        .where({ _id: was._id, version: was.version })
        .update({ ...fields, version: was.version + 1, updatedBy: actor.userId, updatedAt: now })) as {
        updated?: number
      }
      if (res.updated === 1) break
      continue
    }
    const record: GuideRecord = {
      _id: newId('gd'),
      level: input.level,
      placeId,
      streetId: c.streetId,
      code,
      ...fields,
      version: 1,
      updatedBy: actor.userId,
      updatedAt: now,
    }
    try {
      await db().collection(GUIDE_ENTRIES).add(record)
      break
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
    }
  }
  return get(actor, { communityId: c._id, code })
}

/** guide.remove: an admin of the level's place removes its entry of this code (a community's: the street's shows again). */
export async function remove(
  ctx: CallContext,
  input: { level: GuideLevel; communityId: string; code: string },
): Promise<{ removed: boolean }> {
  const c = await community(input.communityId)
  if (!mayEdit(ctx.actor, input.level, { streetId: c.streetId, communityId: c._id }))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能维护自己负责范围的办事指南')
  const placeId = input.level === 'street' ? c.streetId : c._id
  const res = (await db().collection(GUIDE_ENTRIES).where({ placeId, code: input.code }).remove()) as {
    deleted?: number
  }
  return { removed: (res.deleted ?? 0) > 0 }
}
