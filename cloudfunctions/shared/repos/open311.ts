/**
 * The Open311 feed's store (docs/adr/0025-open311.md): the street it covers, the names of its
 * places, the categories its communities offer, the orders a query asks for (indexed, keyset-paged,
 * only the fields the feed may show), the secret its public ids are sealed with, and the per-IP
 * request counters of the rate limit.
 */
import { randomBytes } from 'node:crypto'
import {
  DefaultCategories,
  type CategoryDef,
  type CategoryOverride,
} from '../../../src/core/orders/categories'
import type { FeedOrder, FeedPlaces } from '../../../src/core/open311/feed'
import type { RequestsQuery } from '../../../src/core/open311/query'
import type { Polygon } from '../../../src/core/org/model'
import { feedKeys, ipKey, openId, sealId, type FeedKeys } from '../open311-ids'
import { db } from '../sdk'

export const OPEN311_KEYS = 'open311_keys'
export const OPEN311_RATE = 'open311_rate'
const ORDERS = 'orders'
const PLACES_TTL_MS = 60_000

/** Only what the feed maps (src/core/open311/feed.ts): no reporter, handler, phone, photo or household. */
const FEED_FIELDS = {
  _id: true,
  categoryId: true,
  categoryName: true,
  text: true,
  held: true,
  publicText: true,
  onBehalfOf: true,
  reporterErased: true,
  location: true,
  'path.streetId': true,
  'path.communityId': true,
  'path.gridId': true,
  status: true,
  tier: true,
  department: true,
  submittedAt: true,
  dueAt: true,
  dueAction: true,
  'reply.outcome': true,
  'reply.promisedDate': true,
  'events.at': true,
  overdue: true,
  reopenCount: true,
} as const

const isDuplicate = (err: unknown) =>
  /E11000|duplicate key/i.test(err instanceof Error ? err.message : JSON.stringify(err ?? ''))

// ── The feed's secret: made once per environment, kept in the database, never in the repo ──

let keys: FeedKeys | undefined

/** The feed's keys: the stored secret, made on first use (two first uses at once: one wins, both read it). */
export async function keysOf(): Promise<FeedKeys> {
  if (keys) return keys
  const col = db().collection(OPEN311_KEYS)
  const read = async () => {
    const res = await col.doc('feed').get()
    const doc = (res.data as Array<{ secret?: string }>)[0]
    return doc?.secret ? Buffer.from(doc.secret, 'base64') : null
  }
  let secret = await read()
  if (!secret) {
    try {
      await col.add({ _id: 'feed', secret: randomBytes(32).toString('base64'), createdAt: new Date() })
    } catch (err) {
      if (!isDuplicate(err)) throw err
    }
    secret = await read()
  }
  if (!secret) throw new Error('open311: the feed secret could not be read')
  keys = feedKeys(secret)
  return keys
}

export const publicIdOf = (k: FeedKeys, orderId: string): string => sealId(k, orderId)
export const orderIdOf = (k: FeedKeys, publicId: string): string | null => openId(k, publicId)

// ── The street and its places ──

interface Named {
  readonly _id: string
  readonly name: string
}

/** The street the feed covers: the one asked for, else the first street (by id); null when unknown. */
export async function streetOf(jurisdiction: string | null): Promise<Named | null> {
  const col = db().collection('streets')
  const res = jurisdiction
    ? await col.where({ _id: jurisdiction }).field({ _id: true, name: true }).limit(1).get()
    : await col.orderBy('_id', 'asc').field({ _id: true, name: true }).limit(1).get()
  return (res.data as Named[])[0] ?? null
}

const placesCache = new Map<string, { at: number; places: FeedPlaces }>()

/** The names of the street's communities and grids (and the grids' boundaries), cached a minute. */
export async function placesOf(street: Named, now = Date.now()): Promise<FeedPlaces> {
  const hit = placesCache.get(street._id)
  if (hit && now - hit.at < PLACES_TTL_MS) return hit.places
  const [communities, grids] = await Promise.all([
    db()
      .collection('communities')
      .where({ streetId: street._id })
      .field({ _id: true, name: true })
      .limit(1000)
      .get(),
    db()
      .collection('grids')
      .where({ streetId: street._id })
      .field({ _id: true, name: true, boundary: true })
      .limit(1000)
      .get(),
  ])
  const places: FeedPlaces = {
    street: { _id: street._id, name: street.name },
    communities: new Map((communities.data as Named[]).map((c) => [c._id, c.name])),
    grids: new Map(
      (grids.data as Array<Named & { boundary?: Polygon }>).map((g) => [
        g._id,
        { name: g.name, ...(g.boundary ? { boundary: g.boundary } : {}) },
      ]),
    ),
  }
  placesCache.set(street._id, { at: now, places })
  return places
}

/**
 * Every category an order of the street may carry: the defaults, then each community's own (a
 * community may add categories; hidden ones stay, old orders keep them), first name per id wins.
 */
export async function categoriesOf(places: FeedPlaces): Promise<CategoryDef[]> {
  const ids = [...places.communities.keys()]
  const res = ids.length
    ? await db()
        .collection('order_config')
        .where({ _id: db().command.in(ids) })
        .field({ _id: true, categories: true })
        .limit(1000)
        .get()
    : { data: [] }
  const byId = new Map<string, CategoryDef>()
  for (const c of DefaultCategories) byId.set(c.id, c)
  const configs = (res.data as Array<CategoryOverride & { _id: string }>).sort((a, b) =>
    a._id.localeCompare(b._id),
  )
  for (const cfg of configs) for (const c of cfg.categories ?? []) if (!byId.has(c.id)) byId.set(c.id, c)
  return [...byId.values()]
}

// ── Orders ──

/** `<ms>~<public id>` of the last request shown: where the next page starts. */
export const cursorOf = (k: FeedKeys, o: Key): string =>
  `${new Date(o.submittedAt).getTime()}~${sealId(k, o._id)}`

/** Orders are read this many at a time: a page of 1 000 never sits in memory as raw documents at once. */
const CHUNK = 200

type Key = Pick<FeedOrder, '_id' | 'submittedAt'>

/**
 * The street's orders a query asks for, newest first (index `orders.export_street` read backwards, or
 * `open311_category` with service codes), one page, each mapped by `map` as soon as its chunk is
 * read (CHUNK at a time, keyset within the page): `page` skips along the index to the page's start,
 * `after` starts right after a cursor. With ids, exactly those orders (unknown ids left out).
 * Answers the mapped page and the key of its last order (for the next page's cursor).
 */
export async function findOrders<T>(
  k: FeedKeys,
  streetId: string,
  q: RequestsQuery,
  map: (o: FeedOrder) => T,
): Promise<{ items: T[]; last: Key | null }> {
  const _ = db().command
  const col = db().collection(ORDERS)
  if (q.ids) {
    const ids = [...new Set(q.ids.map((p) => openId(k, p)).filter((x): x is string => x !== null))]
    if (ids.length === 0) return { items: [], last: null }
    const res = await col
      .where({ _id: _.in(ids), 'path.streetId': streetId })
      .field(FEED_FIELDS)
      .limit(ids.length)
      .get()
    const found = (res.data as FeedOrder[]).sort(
      (a, b) => new Date(b.submittedAt).getTime() - new Date(a.submittedAt).getTime(),
    )
    return { items: found.map(map), last: null }
  }
  const base = {
    'path.streetId': streetId,
    ...(q.codes ? { categoryId: q.codes.length === 1 ? q.codes[0] : _.in([...q.codes]) } : {}),
    submittedAt: _.and(_.gte(q.start), _.lte(q.end)),
    ...(q.open === null ? {} : { open: q.open }),
  }
  const after = (at: Date, id: string) =>
    _.or([{ submittedAt: _.lt(at) }, { submittedAt: at, _id: _.lt(id) }])
  let cut: { at: Date; id: string } | null = null
  if (q.after) {
    const i = q.after.indexOf('~')
    const at = new Date(Number(q.after.slice(0, i)))
    const id = openId(k, q.after.slice(i + 1))
    if (id === null || Number.isNaN(at.getTime())) return { items: [], last: null }
    cut = { at, id }
  }
  const items: T[] = []
  let last: Key | null = null
  let skip = (q.page - 1) * q.pageSize
  while (items.length < q.pageSize) {
    const want = Math.min(CHUNK, q.pageSize - items.length)
    const res = await col
      .where(cut ? _.and([base, after(cut.at, cut.id)]) : base)
      .orderBy('submittedAt', 'desc')
      .orderBy('_id', 'desc')
      .skip(skip)
      .limit(want)
      .field(FEED_FIELDS)
      .get()
    const chunk = res.data as FeedOrder[]
    for (const o of chunk) items.push(map(o))
    const end = chunk[chunk.length - 1]
    if (end) {
      last = { _id: end._id, submittedAt: end.submittedAt }
      cut = { at: new Date(end.submittedAt), id: end._id }
    }
    skip = 0
    if (chunk.length < want) break
  }
  return { items, last }
}

/** One order of the street by its public id, or null. */
export async function findOrder(k: FeedKeys, streetId: string, publicId: string): Promise<FeedOrder | null> {
  const id = openId(k, publicId)
  if (!id) return null
  const res = await db()
    .collection(ORDERS)
    .where({ _id: id, 'path.streetId': streetId })
    .field(FEED_FIELDS)
    .limit(1)
    .get()
  return (res.data as FeedOrder[])[0] ?? null
}

// ── Rate limit: one counter document per IP per minute, shared by every instance ──

export interface RateAnswer {
  readonly allowed: boolean
  readonly count: number
  /** seconds until the window ends */
  readonly retryAfter: number
}

/**
 * Counts this request against its IP's current minute: an atomic increment on the window's
 * document (made by the first request of the minute; a twin that lost the race increments), so every
 * instance of the function shares one count. The IP is stored keyed (`ipKey`), never as is.
 */
export async function countRequest(k: FeedKeys, ip: string, now: Date, limit: number): Promise<RateAnswer> {
  const minute = Math.floor(now.getTime() / 60_000)
  const id = `${ipKey(k, ip)}_${minute}`
  const col = db().collection(OPEN311_RATE)
  const _ = db().command
  const retryAfter = Math.max(1, (minute + 1) * 60 - Math.floor(now.getTime() / 1000))
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const res = (await col.where({ _id: id }).updateAndReturn({ n: _.inc(1) })) as {
      updated?: number
      doc?: { n?: number } | null
    }
    if (res.updated === 1 && typeof res.doc?.n === 'number')
      return { allowed: res.doc.n <= limit, count: res.doc.n, retryAfter }
    try {
      await col.add({ _id: id, n: 1, expiresAt: new Date((minute + 2) * 60_000) })
      return { allowed: 1 <= limit, count: 1, retryAfter }
    } catch (err) {
      if (!isDuplicate(err)) throw err
      // another instance made the window's document first: count on it
    }
  }
  throw new Error('open311: the rate counter could not be written')
}

/** The sweep's job: forget windows that ended (index `open311_rate.expires`). */
export async function purgeRateWindows(now: Date): Promise<number> {
  const _ = db().command
  const res = (await db()
    .collection(OPEN311_RATE)
    .where({ expiresAt: _.lt(now) })
    .remove()) as { deleted?: number }
  return res.deleted ?? 0
}
