/**
 * The deciders of the wish wall: a new wish, and a move on one. Pure: they take the loaded wish,
 * the mover and the input and return the next wish, its effects (./effects.ts) and its transfers
 * (./pay.ts); the store writes them as one plan (src/core/plan.ts) run by the one runner. What
 * people fill in is checked by ./checks.ts.
 */
import { CommonErrorCodes, DomainError } from '../errors'
import type { Effect } from '../effects'
import type { TransferRequest } from '../points/ledger'
import { maskName } from '../privacy/mask'
import { WishErrors } from './errors'
import { wishMachine, type WishParty } from './machine'
import {
  EXPIRE_DAYS,
  WISH_STORY_MAX,
  WishStatusLabel,
  type ClaimMember,
  type NameShow,
  type OnBehalf,
  type WishKind,
  type WishRecord,
} from './model'
import { chars, checkExpireDays, checkPublish, reasonOf, type PublishSpec } from './checks'
import { claimantsOf, effectsOf, postEffects } from './effects'
import { payOf } from './pay'

const DAY_MS = 86_400_000

export interface NewWishInput {
  readonly id: string
  readonly requestId: string
  readonly kind: WishKind
  readonly postedBy: { readonly userId: string; readonly name: string }
  /** The resident whose wish it is; null when staff post for a family (`onBehalf`). */
  readonly owner: { readonly userId: string; readonly name: string } | null
  readonly onBehalf: OnBehalf | null
  readonly path: WishRecord['path']
  readonly title: string
  readonly text: string
  readonly photos: readonly string[]
  readonly now: Date
}

/** A posted wish, waiting to be checked: the grid's staff are told, and it is counted. */
export function newWish(i: NewWishInput): WishRecord {
  const effects = postEffects(i.path, i.kind, i.title, i.postedBy.userId, i.now)
  return {
    _id: i.id,
    requestId: i.requestId,
    kind: i.kind,
    postedBy: i.postedBy.userId,
    ownerId: i.owner?.userId ?? null,
    ownerName: i.owner?.name ?? i.onBehalf?.name ?? '',
    onBehalf: i.onBehalf,
    path: i.path,
    title: i.title,
    text: i.text,
    photos: [...i.photos],
    photosShown: false,
    status: 'pending',
    no: null,
    show: null,
    placeShown: null,
    publicText: null,
    points: 0,
    expiresAt: null,
    publishedAt: null,
    claim: null,
    fulfil: null,
    story: null,
    reason: null,
    topicId: null,
    wall: false,
    claimantIds: [],
    version: 1,
    events: [{ at: i.now, move: 'post', by: i.postedBy.userId }],
    createdAt: i.now,
    updatedAt: i.now,
    outbox: [{ id: 'post', at: i.now, effects }],
    outboxAt: i.now,
  }
}

export type WishInput =
  | {
      readonly move: 'publish'
      readonly publish: PublishSpec
      readonly no: string
      readonly placeShown: string
    }
  | { readonly move: 'decline'; readonly reason: string }
  | { readonly move: 'withdraw' }
  | { readonly move: 'claim'; readonly group: { name: string; members: readonly ClaimMember[] } | null }
  | { readonly move: 'release'; readonly reason?: string }
  | { readonly move: 'fulfil'; readonly note?: string; readonly photos: readonly string[] }
  | { readonly move: 'redo'; readonly reason: string }
  | { readonly move: 'confirm'; readonly story?: string; readonly showName: NameShow }
  | { readonly move: 'expire' }
  | { readonly move: 'reopen'; readonly expireDays?: number }
  | { readonly move: 'promote'; readonly topicId: string }

export type WishMover =
  | {
      readonly kind: 'person'
      readonly userId: string
      readonly name: string
      readonly parties: readonly WishParty[]
    }
  | { readonly kind: 'system' }

export interface WishOutcome {
  readonly next: WishRecord
  readonly effects: readonly Effect[]
  readonly transfers: readonly TransferRequest[]
}

/** A move on a wish: the machine's answer, the changed fields, the event, who is told, what is paid. */
export function moveWish(w: WishRecord, input: WishInput, by: WishMover, now: Date): WishOutcome {
  const parties = by.kind === 'system' ? (['system'] as const) : by.parties
  const due = w.expiresAt !== null && new Date(w.expiresAt).getTime() <= now.getTime()
  const step = wishMachine.next(w.status, input.move, parties, { kind: w.kind, due })
  if (!step.ok) {
    if (step.code === 'MACHINE.NOT_PARTY')
      throw new DomainError(CommonErrorCodes.FORBIDDEN, '您不能进行这一步')
    if (step.code === WishErrors.WRONG_KIND)
      throw new DomainError(WishErrors.WRONG_KIND, '这一步不适用于这类心愿')
    if (input.move === 'claim' && w.claim) throw new DomainError(WishErrors.TAKEN, '这个心愿已被其他人认领')
    throw new DomainError(WishErrors.BAD_STATE, `心愿当前为“${WishStatusLabel[w.status]}”，不能进行这一步`)
  }
  const byId = by.kind === 'system' ? 'system' : by.userId
  let changes: Partial<WishRecord> = {}
  let note: string | null = null
  switch (input.move) {
    case 'publish': {
      const p = checkPublish(w, input.publish)
      changes = {
        no: input.no,
        show: input.publish.show,
        placeShown: input.placeShown,
        publicText: p.text,
        photosShown: input.publish.showPhotos === true && w.photos.length > 0,
        points: w.kind === 'need' ? p.points : 0,
        publishedAt: now,
        expiresAt: w.kind === 'need' ? new Date(now.getTime() + p.days * DAY_MS) : null,
        wall: true,
      }
      note = `编号 ${input.no}`
      break
    }
    case 'decline':
      note = reasonOf(input.reason, true)
      changes = { reason: note }
      break
    case 'withdraw':
      changes = { wall: false }
      break
    case 'claim': {
      if (by.kind === 'system') break
      const claim = { by: by.userId, byName: by.name, group: input.group, at: now }
      changes = { claim, claimantIds: claimantsOf({ claim }) }
      note = input.group ? `${input.group.name}（${input.group.members.length} 人）认领` : null
      break
    }
    case 'release':
      note = reasonOf(input.reason, false)
      changes = { claim: null, claimantIds: [], fulfil: null }
      break
    case 'fulfil': {
      if (input.photos.length === 0)
        throw new DomainError(WishErrors.PHOTO_REQUIRED, '请上传至少一张实现心愿的照片')
      note = reasonOf(input.note, false)
      changes = { fulfil: { note, photos: [...input.photos], at: now } }
      break
    }
    case 'redo':
      note = reasonOf(input.reason, true)
      changes = { reason: note }
      break
    case 'confirm': {
      const text = input.story?.trim() ?? ''
      if (chars(text) > WISH_STORY_MAX)
        throw new DomainError(WishErrors.BAD_TEXT, `感谢的话不超过 ${WISH_STORY_MAX} 字`)
      changes = {
        story: {
          text: text || null,
          residentShown: input.showName === 'surname' && w.ownerName ? maskName(w.ownerName) : '一位居民',
          claimantShown: w.claim?.group ? w.claim.group.name : maskName(w.claim?.byName ?? ''),
          photos: w.fulfil?.photos ?? [],
          at: now,
        },
      }
      break
    }
    case 'expire':
      changes = { wall: false }
      break
    case 'reopen': {
      const days = input.expireDays ?? EXPIRE_DAYS.default
      checkExpireDays(days)
      changes = { expiresAt: new Date(now.getTime() + days * DAY_MS), wall: true }
      break
    }
    case 'promote':
      changes = { topicId: input.topicId, wall: false }
      break
    default:
      break
  }
  const next: WishRecord = {
    ...w,
    ...changes,
    status: step.to,
    version: w.version + 1,
    updatedAt: now,
    events: [...w.events, { at: now, move: input.move, by: byId, ...(note ? { note } : {}) }],
  }
  const transfers = step.effects.includes('pay') ? payOf(next) : []
  return { next, effects: effectsOf(w, next, input.move, byId, note, transfers, now), transfers }
}
