/**
 * The wish wall's store (心愿墙 · 微心愿, docs/adr/0023-wish-wall.md): it loads, writes the plans
 * core decides (src/core/wishes/decide.ts) through the one runner, and answers views. Collections:
 * `wishes` (one document per wish, its outbox on it) and `wish_numbers` (a community's count of the
 * year: a wish is numbered at publishing, in the same transaction, so numbers never repeat).
 * Claims race on the wish's version: of many helpers tapping 认领 at once exactly one write matches;
 * the others re-read and are told it is taken (WISH.TAKEN).
 */
import {
  CommunityStaffRoles,
  homeOf,
  holdsOver,
  isResidentOf,
  placeIds,
  staffRoleOver,
} from '../../../src/core/access'
import { newTopicFromWish } from '../../../src/core/deliberation/raise'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Community, Grid } from '../../../src/core/org/model'
import type { Actor } from '../../../src/core/roles'
import { checkUploads } from '../../../src/core/uploads'
import type { WishDetail, WishHelper, WishPage, WishTab } from '../../../src/core/wishes/api'
import {
  checkGroup,
  checkOnBehalf,
  checkWishText,
  moveWish,
  newWish,
  placeShownOf,
  type WishInput,
} from '../../../src/core/wishes/decide'
import { WishErrors } from '../../../src/core/wishes/errors'
import {
  WISH_PHOTOS_MAX,
  wishNo,
  wishNumberId,
  type NameShow,
  type ShowLevel,
  type WishKind,
  type WishNumberRecord,
  type WishRecord,
} from '../../../src/core/wishes/model'
import { isGridHelper, isWishStaff } from '../../../src/core/wishes/view'
import { allStored } from '../files'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { staffOver } from '../notify'
import { nudge } from '../outbox'
import { runPlan } from '../runner'
import { db } from '../sdk'
import { configOf } from './deliberation-config'
import { householdsOf, TOPICS } from './deliberation-base'
import { getDoc, withoutId } from './docs'
import { afterTimeCursor, timeCursor } from './paging'
import {
  cardOf,
  detailOf,
  load,
  moveBy,
  nameOf,
  PAGE,
  visible,
  WISH_NUMBERS,
  WISHES,
  wishPlan,
} from './wishes-base'
export { WISHES } from './wishes-base'

type Check = (text: string) => Promise<void>
const forbidden = (m: string) => new DomainError(CommonErrorCodes.FORBIDDEN, m)

// ── Reads ──

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

// ── Posting ──

/**
 * wish.post: a resident for their grid, or staff over `gridId` for a family (`onBehalf`). Idempotent
 * on (poster, requestId). Every check before the content check; nothing stored on a refusal.
 */
export async function post(
  ctx: CallContext,
  input: {
    requestId: string
    kind: WishKind
    title: string
    text: string
    photos: readonly string[]
    gridId?: string
    onBehalf?: { name: string; phone?: string; address: string }
  },
  now: Date,
  check: Check,
): Promise<WishDetail> {
  const { actor } = ctx
  const stored = () => byRequest<WishRecord>(WISHES, { postedBy: actor.userId, requestId: input.requestId })
  const earlier = await stored()
  if (earlier) return detailOf(ctx, earlier, 'wish.post', now, true)
  let path: WishRecord['path']
  let onBehalf = null
  // A grid named must exist (an unknown one is not found, whoever asks).
  const grid = input.gridId ? await getDoc<Grid>('grids', input.gridId) : null
  if (input.gridId && !grid) throw new DomainError(CommonErrorCodes.NOT_FOUND, '网格不存在')
  if (input.onBehalf) {
    if (!input.gridId || !grid) throw new DomainError(WishErrors.NO_HOUSEHOLD, '请选择这户人家所在的网格')
    path = { streetId: grid.streetId, communityId: grid.communityId, gridId: input.gridId }
    if (!isWishStaff(actor, { path })) throw forbidden('只能为本网格的居民代发心愿')
    onBehalf = checkOnBehalf(input.onBehalf)
  } else {
    const home = homeOf(actor)
    if (!home?.gridId || !home.communityId)
      throw new DomainError(WishErrors.NO_HOUSEHOLD, '请先加入网格再许心愿')
    if (input.gridId && input.gridId !== home.gridId) throw forbidden('只能在自己的网格许心愿')
    path = {
      streetId: home.streetId,
      communityId: home.communityId,
      gridId: home.gridId,
      ...(home.buildingId ? { buildingId: home.buildingId } : {}),
      ...(home.householdId ? { householdId: home.householdId } : {}),
    }
  }
  const { title, text } = checkWishText(input)
  checkUploads(
    input.photos,
    { folder: 'wishes', userId: actor.userId, key: input.requestId },
    WISH_PHOTOS_MAX,
    {
      tooMany: WishErrors.TOO_MANY_PHOTOS,
      invalid: WishErrors.PHOTO_INVALID,
    },
  )
  await check(`${title}\n${text}`)
  if (!(await allStored(input.photos)))
    throw new DomainError(WishErrors.PHOTO_INVALID, '照片上传未完成，请重新添加')
  const me = { userId: actor.userId, name: nameOf(ctx) }
  const wish = newWish({
    id: newId('ws'),
    requestId: input.requestId,
    kind: input.kind,
    postedBy: me,
    owner: onBehalf ? null : me,
    onBehalf,
    path,
    title,
    text,
    photos: input.photos,
    now,
  })
  try {
    await runPlan({ writes: [{ op: 'create', collection: WISHES, id: wish._id, doc: withoutId(wish) }] }, now)
  } catch (err) {
    const again = isDuplicateKey(err) ? await stored() : null
    if (!again) throw err
    return detailOf(ctx, again, 'wish.post', now, true)
  }
  await nudge(WISHES, wish._id, now)
  return detailOf(ctx, wish, 'wish.post', now)
}

// ── Moves ──

/** My own move is already the wish's latest: a retried tap is answered with the wish as it stands. */
const mine = (ctx: CallContext, w: WishRecord, move: string) => {
  const last = w.events[w.events.length - 1]
  return last?.move === move && last.by === ctx.actor.userId
}

const year = (now: Date) => Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4))

/** The community's counter of the year exists (created once; a racing twin's creation is as good). */
async function ensureCounter(id: string): Promise<void> {
  if (await getDoc<WishNumberRecord>(WISH_NUMBERS, id)) return
  try {
    await db().collection(WISH_NUMBERS).add({ _id: id, next: 1 })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
}

/** wish.publish: staff number it (the community's count, in the same transaction) and publish the card. */
export async function publish(
  ctx: CallContext,
  input: {
    wishId: string
    show: ShowLevel
    publicText?: string
    points?: number
    expireDays?: number
    showPhotos?: boolean
  },
  now: Date,
  check: Check,
): Promise<WishDetail> {
  const w0 = visible(ctx.actor, await load(input.wishId))
  if (!isWishStaff(ctx.actor, w0)) throw forbidden('只有本网格的工作人员可以核实心愿')
  if (input.publicText?.trim()) await check(input.publicText)
  const [community, grid, building] = await Promise.all([
    getDoc<Community>('communities', w0.path.communityId),
    getDoc<Grid>('grids', w0.path.gridId),
    w0.path.buildingId ? getDoc<{ name: string }>('buildings', w0.path.buildingId) : Promise.resolve(null),
  ])
  const placeShown = placeShownOf(input.show, {
    community: community?.name ?? '',
    grid: grid?.name ?? '',
    building: building?.name ?? null,
  })
  const counter = wishNumberId(w0.path.communityId, year(now))
  await ensureCounter(counter)
  let n = 0
  return moveBy(
    ctx,
    input.wishId,
    'wish.publish',
    now,
    async (w) => {
      if (mine(ctx, w, 'publish')) return { again: true }
      n = (await getDoc<WishNumberRecord>(WISH_NUMBERS, counter))?.next ?? 1
      return { move: 'publish', no: wishNo(year(now), n), placeShown, publish: input }
    },
    () => [{ op: 'update', collection: WISH_NUMBERS, id: counter, if: { next: n }, set: { next: n + 1 } }],
  )
}

/** wish.claim: a helper of the grid, alone or for a group of the grid's helpers; exactly one claim wins. */
export async function claim(
  ctx: CallContext,
  input: { wishId: string; group?: { name: string; memberIds: readonly string[] } },
  now: Date,
  check: Check,
): Promise<WishDetail> {
  const w0 = visible(ctx.actor, await load(input.wishId))
  const me = { userId: ctx.actor.userId, name: nameOf(ctx) }
  let group: { name: string; members: { userId: string; name: string }[] } | null = null
  if (input.group) {
    const users = await staffOver(['helper'], { ...w0.path })
    group = checkGroup(input.group, me, new Map(users.map((u) => [u._id, u.realName ?? u.displayName])))
    await check(group.name)
  }
  return moveBy(ctx, input.wishId, 'wish.claim', now, (w): WishInput | { again: true } => {
    if (w.claim?.by === ctx.actor.userId) return { again: true }
    if (w.ownerId === ctx.actor.userId || w.postedBy === ctx.actor.userId)
      throw new DomainError(WishErrors.OWN_WISH, '不能认领自己的心愿')
    if (!isGridHelper(ctx.actor, w))
      throw new DomainError(WishErrors.NOT_HELPER, '只有本网格的党员帮办和志愿者可以认领心愿')
    return { move: 'claim', group }
  })
}

/** wish.fulfil: the claimant, with 1..6 photos of it (their uploads for this wish) and a note. */
export async function fulfil(
  ctx: CallContext,
  input: { wishId: string; note?: string; photos: readonly string[] },
  now: Date,
  check: Check,
): Promise<WishDetail> {
  const w0 = visible(ctx.actor, await load(input.wishId))
  if (mine(ctx, w0, 'fulfil')) return detailOf(ctx, w0, 'wish.fulfil', now, true)
  checkUploads(
    input.photos,
    { folder: 'wishes', userId: ctx.actor.userId, key: input.wishId },
    WISH_PHOTOS_MAX,
    {
      tooMany: WishErrors.TOO_MANY_PHOTOS,
      invalid: WishErrors.PHOTO_INVALID,
    },
  )
  if (w0.claim?.by !== ctx.actor.userId) throw forbidden('只有认领人可以提交实现')
  if (input.note?.trim()) await check(input.note)
  if (!(await allStored(input.photos)))
    throw new DomainError(WishErrors.PHOTO_INVALID, '照片上传未完成，请重新添加')
  return moveBy(ctx, input.wishId, 'wish.fulfil', now, (w) =>
    mine(ctx, w, 'fulfil') ? { again: true } : { move: 'fulfil', note: input.note, photos: input.photos },
  )
}

/** wish.confirm: the owner, or staff for them: closed, points paid once, the story posted. */
export async function confirm(
  ctx: CallContext,
  input: { wishId: string; story?: string; showName: NameShow },
  now: Date,
  check: Check,
): Promise<WishDetail> {
  if (input.story?.trim()) await check(input.story)
  return moveBy(ctx, input.wishId, 'wish.confirm', now, (w) =>
    w.status === 'closed' && mine(ctx, w, 'confirm')
      ? { again: true }
      : { move: 'confirm', story: input.story, showName: input.showName },
  )
}

/** wish.move: decline (staff), withdraw (owner), release (claimant, staff), redo (owner, staff), reopen (staff). */
export async function move(
  ctx: CallContext,
  input: { wishId: string; move: 'decline' | 'withdraw' | 'release' | 'redo' | 'reopen'; reason?: string },
  now: Date,
  check: Check,
): Promise<WishDetail> {
  if (input.reason?.trim() && input.move !== 'withdraw') await check(input.reason)
  return moveBy(ctx, input.wishId, `wish.${input.move}`, now, (w): WishInput | { again: true } => {
    if (mine(ctx, w, input.move)) return { again: true }
    switch (input.move) {
      case 'decline':
        return { move: 'decline', reason: input.reason ?? '' }
      case 'redo':
        return { move: 'redo', reason: input.reason ?? '' }
      case 'release':
        return { move: 'release', reason: input.reason }
      case 'reopen':
        return { move: 'reopen' }
      default:
        return { move: 'withdraw' }
    }
  })
}

/**
 * wish.promote: staff turn a suggestion into a deliberation topic of its grid (deliberation's own
 * factory), created in the same transaction as the wish's move; the resident follows the topic.
 */
export async function promote(
  ctx: CallContext,
  input: { wishId: string; requestId: string },
  now: Date,
): Promise<WishDetail & { topicId: string }> {
  const w0 = visible(ctx.actor, await load(input.wishId))
  const place = { streetId: w0.path.streetId, communityId: w0.path.communityId, gridId: w0.path.gridId }
  const role = staffRoleOver(ctx.actor, place)
  if (!role) throw forbidden('只有本网格的工作人员可以把建议转为议题')
  const [grid, households, config] = await Promise.all([
    getDoc<Grid>('grids', place.gridId),
    householdsOf(place.gridId),
    configOf(place.communityId),
  ])
  const topicId = newId('tp')
  const detail = await moveBy(
    ctx,
    input.wishId,
    'wish.promote',
    now,
    (w) => (w.topicId ? { again: true } : { move: 'promote', topicId }),
    (w) => {
      const topic = newTopicFromWish({
        id: topicId,
        requestId: input.requestId,
        by: { userId: ctx.actor.userId, name: nameOf(ctx), role },
        wish: { id: w._id, ownerId: w.ownerId },
        place,
        placeName: grid?.name ?? '',
        title: w.title,
        text: w.publicText ?? w.text,
        households,
        supportPct: config.supportPct,
        now,
      })
      return [{ op: 'create', collection: TOPICS, id: topicId, doc: withoutId(topic) }]
    },
  )
  if (!detail.retried) await nudge(TOPICS, topicId, now)
  return { ...detail, topicId: detail.topicId ?? topicId }
}

// ── The timer ──

/** Published needs past their date expire (the grid's staff and the owner told); 50 per run. */
export async function expireDue(now: Date): Promise<number> {
  const res = await db()
    .collection(WISHES)
    .where({ status: 'published', kind: 'need', expiresAt: db().command.lte(now) })
    .orderBy('expiresAt', 'asc')
    .limit(50)
    .get()
  let expired = 0
  for (const doc of res.data as WishRecord[]) {
    const w = { ...doc, _id: String(doc._id) }
    const out = moveWish(w, { move: 'expire' }, { kind: 'system' }, now)
    if (await runPlan(wishPlan(w, out.next, out, now), now)) {
      expired += 1
      await nudge(WISHES, w._id, now)
    }
  }
  return expired
}
