/**
 * The deciders of the wish wall: a new wish, a move on one, the points a confirmation pays and
 * what follows (who is told, which counters change). Pure: they take the loaded wish, the mover
 * and the input and return the next wish, its effects and its transfers; the store writes them as
 * one plan (src/core/plan.ts) run by the one runner.
 */
import { CommonErrorCodes, DomainError } from '../errors'
import type { Audience, Effect } from '../effects'
import { beijingTime, clipThing } from '../notify/templates'
import { Causes, issuanceAccount, personAccount } from '../points/model'
import type { TransferRequest } from '../points/ledger'
import { maskName } from '../privacy/mask'
import { CommunityStaffRoles } from '../access'
import { WishErrors } from './errors'
import { wishMachine, type WishMove, type WishParty } from './machine'
import {
  DEFAULT_POINTS,
  EXPIRE_DAYS,
  GROUP_MAX,
  GROUP_NAME_MAX,
  POINTS_MAX,
  REASON_MAX,
  WISH_STORY_MAX,
  WISH_TEXT_MAX,
  WISH_TITLE_MAX,
  WishKindLabel,
  WishStatusLabel,
  type ClaimMember,
  type NameShow,
  type OnBehalf,
  type ShowLevel,
  type WishKind,
  type WishRecord,
} from './model'
import { wishCounts, type WishStatsField } from './stats'

const DAY_MS = 86_400_000
const chars = (s: string) => [...s].length

/** Title and text of a post (trimmed), in the order a person fills the form. */
export function checkWishText(input: { title: string; text: string }): { title: string; text: string } {
  const title = input.title.trim()
  const text = input.text.trim()
  if (!title || chars(title) > WISH_TITLE_MAX)
    throw new DomainError(WishErrors.BAD_TEXT, `请填写心愿标题（不超过 ${WISH_TITLE_MAX} 字）`)
  if (!text || chars(text) > WISH_TEXT_MAX)
    throw new DomainError(WishErrors.BAD_TEXT, `请填写心愿内容（不超过 ${WISH_TEXT_MAX} 字）`)
  return { title, text }
}

const PHONE = /^1\d{10}$/

/** The family's contact when staff post for them: name and address required; a phone, if any, a mobile number. */
export function checkOnBehalf(o: { name: string; phone?: string; address: string }): OnBehalf {
  const name = o.name.trim()
  const address = o.address.trim()
  const phone = o.phone?.trim() ?? ''
  if (!name || chars(name) > 20 || !address || chars(address) > 60 || (phone && !PHONE.test(phone)))
    throw new DomainError(WishErrors.BAD_CONTACT, '请填写这户人家的姓名、住址和正确的手机号')
  return { name, phone: phone || null, address }
}

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

/** Staff who check a grid's wishes: its grid worker, or the community admin when it has none. */
export function staffOf(path: WishRecord['path']): Audience {
  return {
    staff: CommunityStaffRoles,
    over: { streetId: path.streetId, communityId: path.communityId, gridId: path.gridId },
    cascade: true,
  }
}

/** A posted wish, waiting to be checked: the grid's staff are told, and it is counted. */
export function newWish(i: NewWishInput): WishRecord {
  const effects: Effect[] = [
    ...wishCounts(i.path, { posted: 1 }),
    {
      kind: 'notify',
      key: 'wish.post',
      to: staffOf(i.path),
      except: [i.postedBy.userId],
      template: 'wishProgress',
      data: message(i.title, 'pending', `新${WishKindLabel[i.kind]}待核实`, i.now),
    },
  ]
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

function message(title: string, status: WishRecord['status'], note: string, now: Date) {
  return {
    thing1: { value: clipThing(title) },
    phrase2: { value: WishStatusLabel[status] },
    thing3: { value: clipThing(note) },
    time4: { value: beijingTime(now) },
  }
}

export interface PublishSpec {
  readonly show: ShowLevel
  /** The card's text; the wish's own when absent. */
  readonly publicText?: string
  readonly points?: number
  readonly expireDays?: number
  /** Show the posted photos on the card (off by default: a photo can tell who it is). */
  readonly showPhotos?: boolean
}

/** The publishing form, checked: points 0..100, expiry 7..90 days, the card's text within limits. */
export function checkPublish(w: Pick<WishRecord, 'text' | 'kind'>, p: PublishSpec) {
  const points = p.points ?? (w.kind === 'need' ? DEFAULT_POINTS : 0)
  const days = p.expireDays ?? EXPIRE_DAYS.default
  if (!Number.isInteger(points) || points < 0 || points > POINTS_MAX)
    throw new DomainError(WishErrors.BAD_PUBLISH, `积分应为 0–${POINTS_MAX} 的整数`)
  if (!Number.isInteger(days) || days < EXPIRE_DAYS.min || days > EXPIRE_DAYS.max)
    throw new DomainError(WishErrors.BAD_PUBLISH, `有效期应为 ${EXPIRE_DAYS.min}–${EXPIRE_DAYS.max} 天`)
  const text = (p.publicText ?? w.text).trim()
  if (!text || chars(text) > WISH_TEXT_MAX)
    throw new DomainError(WishErrors.BAD_TEXT, `公示内容不能为空，且不超过 ${WISH_TEXT_MAX} 字`)
  return { points, days, text }
}

/**
 * The place as the public card shows it: never the room, at most the building. A grid named after
 * its community (新华社区第1网格) is not prefixed with it again.
 */
export function placeShownOf(
  show: ShowLevel,
  names: { readonly community: string; readonly grid: string; readonly building: string | null },
): string {
  if (show === 'community') return names.community
  const grid = names.grid.startsWith(names.community) ? names.grid : `${names.community} · ${names.grid}`
  return show === 'grid' || !names.building ? grid : `${grid} · ${names.building}`
}

export interface GroupSpec {
  readonly name: string
  readonly memberIds: readonly string[]
}

/**
 * A group claim (组团认领), checked: a name, 2..10 distinct members, the claimant among them, each a
 * helper of the wish's grid (`helpers`: the grid's helpers, id → name). Members in the order named,
 * the claimant first.
 */
export function checkGroup(
  g: GroupSpec,
  claimant: ClaimMember,
  helpers: ReadonlyMap<string, string>,
): { name: string; members: ClaimMember[] } {
  const name = g.name.trim()
  const ids = [claimant.userId, ...g.memberIds.filter((id) => id !== claimant.userId)]
  const bad =
    !name ||
    chars(name) > GROUP_NAME_MAX ||
    new Set(ids).size !== ids.length ||
    ids.length < 2 ||
    ids.length > GROUP_MAX ||
    ids.some((id) => id !== claimant.userId && !helpers.has(id))
  if (bad) throw new DomainError(WishErrors.BAD_GROUP, '组团认领请填写团队名称，并选择 2–10 位本网格的帮办人')
  return {
    name,
    members: ids.map((id) =>
      id === claimant.userId ? claimant : { userId: id, name: helpers.get(id) ?? '' },
    ),
  }
}

/**
 * The wish's points shared among `k` members exactly: each gets ⌊points ÷ k⌋ and the first
 * `points mod k` one more, so the shares always add up to the points.
 */
export function splitPoints(points: number, k: number): number[] {
  if (k <= 0) return []
  const base = Math.floor(points / k)
  const rest = points - base * k
  return Array.from({ length: k }, (_, i) => base + (i < rest ? 1 : 0))
}

/** What a confirmation pays: one transfer to the claimant, or one per member with a share (cause per member). */
export function payOf(w: Pick<WishRecord, '_id' | 'points' | 'claim' | 'title' | 'path'>): TransferRequest[] {
  if (!w.claim || w.points <= 0) return []
  const members = w.claim.group?.members ?? [{ userId: w.claim.by, name: w.claim.byName }]
  const shares = splitPoints(w.points, members.length)
  const alone = members.length === 1
  return members.flatMap((m, i) =>
    (shares[i] ?? 0) > 0
      ? [
          {
            cause: alone ? Causes.wish(w._id) : `${Causes.wish(w._id)}:${m.userId}`,
            from: issuanceAccount(w.path.communityId),
            to: personAccount(m.userId),
            amount: shares[i] ?? 0,
            reason: `实现微心愿：${clipThing(w.title, 20)}`,
            communityId: w.path.communityId,
            by: 'system',
          },
        ]
      : [],
  )
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

const reasonOf = (r: string | undefined, required: boolean): string | null => {
  const t = r?.trim() ?? ''
  if (required && !t) throw new DomainError(WishErrors.REASON_REQUIRED, '请说明原因')
  if (chars(t) > REASON_MAX) throw new DomainError(WishErrors.REASON_REQUIRED, `原因不超过 ${REASON_MAX} 字`)
  return t || null
}

const WHAT: Readonly<Record<WishMove, string>> = {
  publish: '心愿已核实，上墙公示',
  decline: '心愿未通过核实',
  withdraw: '心愿已撤回',
  claim: '您的心愿有人认领了',
  release: '认领人放弃了认领，心愿重新公示',
  fulfil: '心愿已实现，请您确认',
  redo: '居民认为心愿尚未实现',
  confirm: '心愿已实现，积分已发放',
  expire: '心愿公示期满，无人认领',
  reopen: '心愿重新公示',
  promote: '您的建议已转为居民议题',
}

/** The claimant and the group's members: who a claim concerns. */
export const claimantsOf = (w: Pick<WishRecord, 'claim'>): string[] =>
  w.claim ? (w.claim.group?.members.map((m) => m.userId) ?? [w.claim.by]) : []

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
      if (!Number.isInteger(days) || days < EXPIRE_DAYS.min || days > EXPIRE_DAYS.max)
        throw new DomainError(WishErrors.BAD_PUBLISH, `有效期应为 ${EXPIRE_DAYS.min}–${EXPIRE_DAYS.max} 天`)
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

const STATS: Partial<Record<WishMove, WishStatsField>> = {
  publish: 'published',
  claim: 'claimed',
  confirm: 'closed',
  expire: 'expired',
  promote: 'promoted',
  decline: 'declined',
}

/** Who hears of a move (never whoever made it) and which counters change. */
function effectsOf(
  before: WishRecord,
  next: WishRecord,
  move: WishMove,
  byId: string,
  note: string | null,
  transfers: readonly TransferRequest[],
  now: Date,
): Effect[] {
  const owner = next.ownerId ? [next.ownerId] : []
  const claimants = claimantsOf(before.claim ? before : next)
  const to: Partial<Record<WishMove, Audience[]>> = {
    publish: [{ users: owner }],
    decline: [{ users: owner }],
    claim: [{ users: owner }, staffOf(next.path)],
    release: [{ users: owner }, staffOf(next.path), { users: claimants }],
    fulfil: next.ownerId ? [{ users: owner }] : [staffOf(next.path)],
    redo: [{ users: claimants }],
    confirm: [{ users: claimants }],
    expire: [staffOf(next.path), { users: owner }],
    reopen: [{ users: owner }],
    promote: [{ users: owner }],
  }
  const stat = STATS[move]
  const paid = transfers.reduce((s, t) => s + t.amount, 0)
  const counts = wishCounts(next.path, {
    ...(stat ? { [stat]: 1 } : {}),
    ...(paid > 0 ? { points: paid } : {}),
  })
  const key = `wish.${move}.v${next.version}`
  const notices: Effect[] = (to[move] ?? [])
    .filter((a) => !('users' in a) || a.users.length > 0)
    .map((a) => ({
      kind: 'notify',
      key,
      once: key,
      to: a,
      ...(byId !== 'system' ? { except: [byId] } : {}),
      template: 'wishProgress',
      data: message(before.title, next.status, note ?? WHAT[move], now),
    }))
  return [...counts, ...notices]
}
