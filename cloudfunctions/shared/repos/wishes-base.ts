/**
 * The wish wall's store, its base: loading, the detail as the caller may see it (core's policy,
 * src/core/wishes/view.ts; a reveal of the family's contact logged first), and a move run as a plan
 * through the one runner (core decides: src/core/wishes/decide.ts).
 */
import type { WishCard, WishContact, WishDetail, WishHead } from '../../../src/core/wishes/api'
import { moveWish, type WishInput, type WishMover } from '../../../src/core/wishes/decide'
import { WISH_PHOTOS_MAX, WishStatusLabel, type WishRecord } from '../../../src/core/wishes/model'
import { WishErrors } from '../../../src/core/wishes/errors'
import { checkUploads } from '../../../src/core/uploads'
import { allStored } from '../files'
import { claimShown, mayView, partiesOf, sightOf } from '../../../src/core/wishes/view'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { entryOf } from '../../../src/core/effects'
import { changedSet, updatePlan, type Plan, type Write } from '../../../src/core/plan'
import type { UserRecord } from '../../../src/core/me/model'
import type { Actor } from '../../../src/core/roles'
import { isoOrNull } from '../../../src/core/china-time'
import type { CallContext } from '../kit'
import { decideAndRun, type Decision } from '../runner'
import { logAccess } from './access-log'
import { getDoc, getOrNotFound } from './docs'
import { clipText } from '../../../src/core/text'

export const WISHES = 'wishes'
export const WISH_NUMBERS = 'wish_numbers'
export const PAGE = 20

const notFound = () => new DomainError(CommonErrorCodes.NOT_FOUND, '心愿不存在或已删除')
export const forbidden = (m: string) => new DomainError(CommonErrorCodes.FORBIDDEN, m)

/** A content check of text others will read (the route's). */
export type Check = (text: string) => Promise<void>

/** The photos of a post or a fulfilment: at most six, the caller's own uploads for this `key`. */
export function checkWishPhotos(photos: readonly string[], userId: string, key: string): void {
  checkUploads(photos, { folder: 'wishes', userId, key }, WISH_PHOTOS_MAX, {
    tooMany: WishErrors.TOO_MANY_PHOTOS,
    invalid: WishErrors.PHOTO_INVALID,
  })
}

/** Every photo is in storage (an upload that did not finish is refused). */
export async function photosStored(photos: readonly string[]): Promise<void> {
  if (!(await allStored(photos)))
    throw new DomainError(WishErrors.PHOTO_INVALID, '照片上传未完成，请重新添加')
}

export async function load(wishId: string): Promise<WishRecord> {
  return { ...(await getOrNotFound<WishRecord>(WISHES, wishId, '心愿')), _id: wishId }
}

/** The wish, if the caller may see it (else DATA.NOT_FOUND: another grid's wish does not exist for them). */
export function visible(actor: Actor, w: WishRecord): WishRecord {
  if (!mayView(actor, w)) throw notFound()
  return w
}

export const nameOf = (ctx: CallContext) => ctx.user.realName ?? ctx.user.displayName ?? ''

export function moverOf(ctx: CallContext, w: WishRecord): WishMover {
  return { kind: 'person', userId: ctx.actor.userId, name: nameOf(ctx), parties: partiesOf(ctx.actor, w) }
}

const headOf = (w: WishRecord): WishHead => ({
  wishId: w._id,
  no: w.no,
  kind: w.kind,
  status: w.status,
  statusLabel: WishStatusLabel[w.status],
  title: w.title,
})

export function cardOf(w: WishRecord): WishCard {
  return {
    ...headOf(w),
    summary: clipText(w.publicText ?? w.text, 60),
    placeShown: w.placeShown,
    points: w.points,
    claimedBy: claimShown(w),
    story: w.story
      ? clipText(w.story.text ?? `${w.story.claimantShown}帮${w.story.residentShown}实现了心愿`, 60)
      : null,
    at: isoOrNull(w.publishedAt ?? w.createdAt) ?? '',
  }
}

/** The family's contact: the resident's name, phone and home, or what staff recorded for a family. */
async function contactOf(w: WishRecord): Promise<WishContact> {
  if (w.onBehalf) return { ...w.onBehalf }
  const hh = w.path.householdId
  const [user, household, building] = await Promise.all([
    w.ownerId ? getDoc<UserRecord>('users', w.ownerId) : Promise.resolve(null),
    hh ? getDoc<{ room: string; unitId?: string }>('households', hh) : Promise.resolve(null),
    w.path.buildingId ? getDoc<{ name: string }>('buildings', w.path.buildingId) : Promise.resolve(null),
  ])
  const unit = household?.unitId ? await getDoc<{ name: string }>('units', household.unitId) : null
  return {
    name: w.ownerName,
    phone: user?.phone ?? null,
    address: [building?.name, unit?.name, household ? `${household.room}室` : null].filter(Boolean).join(''),
  }
}

/** The wish as this caller may see it; a reveal of the family's contact is logged first. */
export async function detailOf(
  ctx: Pick<CallContext, 'actor' | 'requestId'>,
  w: WishRecord,
  action: string,
  now: Date,
  retried = false,
): Promise<WishDetail> {
  const { actor } = ctx
  const sight = sightOf(actor, w, now)
  const contact = sight.contact ? await contactOf(w) : null
  if (contact && w.ownerId !== actor.userId) {
    await logAccess({
      actorId: actor.userId,
      action,
      subject: w._id,
      people: w.ownerId ? [w.ownerId] : [],
      allowed: true,
      requestId: ctx.requestId,
      at: now,
    })
  }
  const shownPhotos = sight.full || w.photosShown ? w.photos : []
  return {
    ...headOf(w),
    publicText: w.publicText,
    text: sight.full ? w.text : null,
    placeShown: w.placeShown,
    photos: [...shownPhotos],
    points: w.points,
    expiresAt: isoOrNull(w.expiresAt),
    claimedBy: claimShown(w),
    claimedByMe: w.claimantIds.includes(actor.userId),
    group:
      w.claim?.group && (sight.full || w.claimantIds.includes(actor.userId))
        ? { name: w.claim.group.name, members: w.claim.group.members.map((m) => m.name) }
        : null,
    fulfil:
      w.fulfil && sight.fulfil
        ? { note: w.fulfil.note, photos: [...w.fulfil.photos], at: isoOrNull(w.fulfil.at) ?? '' }
        : null,
    story: w.story ? { ...w.story, photos: [...w.story.photos], at: isoOrNull(w.story.at) ?? '' } : null,
    reason: sight.full || sight.fulfil ? w.reason : null,
    topicId: w.topicId,
    contact,
    onBehalf: sight.full ? w.onBehalf !== null : false,
    mine: w.ownerId === actor.userId,
    can: sight.can,
    ...(retried ? { retried: true } : {}),
  }
}

/** Fields a move never writes: identity, creation, the outbox (the runner's). */
const KEPT = new Set(['_id', 'requestId', 'postedBy', 'ownerId', 'path', 'createdAt', 'outbox', 'outboxAt'])

/** A wish's move as a plan: its changed fields on its version, its effects on its outbox, its pay. */
export function wishPlan(
  w: WishRecord,
  next: WishRecord,
  outcome: { effects: Parameters<typeof entryOf>[2]; transfers: Plan['transfers'] },
  now: Date,
  more: readonly Write[] = [],
): Plan {
  const plan = updatePlan(
    WISHES,
    w._id,
    { version: w.version },
    changedSet(w, next, KEPT),
    entryOf(`v${next.version}`, now, outcome.effects),
  )
  const transfers = outcome.transfers ?? []
  return {
    ...plan,
    writes: [...more, ...plan.writes],
    ...(transfers.length > 0 ? { transfers } : {}),
  }
}

/**
 * One move by the caller on one wish: load, ask core (`decide` builds the move's input, or answers
 * a replay), run the plan; again on a lost race (the loser is then answered by core: e.g. taken).
 */
export async function moveBy(
  ctx: CallContext,
  wishId: string,
  action: string,
  now: Date,
  decide: (
    w: WishRecord,
  ) => WishInput | { readonly again: true } | Promise<WishInput | { readonly again: true }>,
  more: (w: WishRecord, next: WishRecord) => readonly Write[] = () => [],
): Promise<WishDetail> {
  let replay = false
  const after = await decideAndRun(
    async () => visible(ctx.actor, await load(wishId)),
    async (w): Promise<Decision<WishRecord>> => {
      const input = await decide(w)
      if ('again' in input) {
        replay = true
        return { done: w }
      }
      const out = moveWish(w, input, moverOf(ctx, w), now)
      return { plan: wishPlan(w, out.next, out, now, more(w, out.next)), result: out.next }
    },
    now,
  )
  return detailOf(ctx, after, action, now, replay)
}
