/**
 * The moves on a wish, each one plan through the one runner (core decides): publish (numbered in
 * the same transaction), claim (exactly one claim wins the race on the wish's version), fulfil,
 * confirm (points paid once), the other moves, and promote (a deliberation topic made in the same
 * transaction). A retried tap of my own move is answered with the wish as it stands.
 */
import { staffRoleOver } from '../../../src/core/access'
import { newTopicFromWish } from '../../../src/core/deliberation/raise'
import { DomainError } from '../../../src/core/errors'
import type { Community, Grid } from '../../../src/core/org/model'
import type { WishDetail } from '../../../src/core/wishes/api'
import { checkGroup, placeShownOf } from '../../../src/core/wishes/checks'
import type { WishInput } from '../../../src/core/wishes/decide'
import { WishErrors } from '../../../src/core/wishes/errors'
import {
  wishNo,
  wishNumberId,
  type NameShow,
  type ShowLevel,
  type WishNumberRecord,
  type WishRecord,
} from '../../../src/core/wishes/model'
import { isGridHelper, isWishStaff } from '../../../src/core/wishes/view'
import { isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { staffOver } from '../notify'
import { nudge } from '../outbox'
import { db } from '../sdk'
import { configOf } from './deliberation-config'
import { householdsOf, TOPICS } from './deliberation-base'
import { getDoc, withoutId } from './docs'
import {
  detailOf,
  load,
  moveBy,
  nameOf,
  visible,
  WISH_NUMBERS,
  forbidden,
  checkWishPhotos,
  photosStored,
  type Check,
} from './wishes-base'

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
  checkWishPhotos(input.photos, ctx.actor.userId, input.wishId)
  if (w0.claim?.by !== ctx.actor.userId) throw forbidden('只有认领人可以提交实现')
  if (input.note?.trim()) await check(input.note)
  await photosStored(input.photos)
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
