/**
 * The checks of what people fill in on the wish wall: a post (and a family's contact when staff
 * post for them), the publishing form, a group claim, a reason. Pure; each refusal a clear code.
 */
import { DomainError } from '../errors'
import { WishErrors } from './errors'
import {
  DEFAULT_POINTS,
  EXPIRE_DAYS,
  GROUP_MAX,
  GROUP_NAME_MAX,
  POINTS_MAX,
  REASON_MAX,
  WISH_TEXT_MAX,
  WISH_TITLE_MAX,
  type ClaimMember,
  type OnBehalf,
  type ShowLevel,
  type WishRecord,
} from './model'

export const chars = (s: string) => [...s].length

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
  checkExpireDays(days)
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

/** A card's days on the wall (publishing, reopening): a whole number of 7..90. */
export function checkExpireDays(days: number): void {
  if (!Number.isInteger(days) || days < EXPIRE_DAYS.min || days > EXPIRE_DAYS.max)
    throw new DomainError(WishErrors.BAD_PUBLISH, `有效期应为 ${EXPIRE_DAYS.min}–${EXPIRE_DAYS.max} 天`)
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

/** A reason given for a move: required for some, at most REASON_MAX characters. */
export const reasonOf = (r: string | undefined, required: boolean): string | null => {
  const t = r?.trim() ?? ''
  if (required && !t) throw new DomainError(WishErrors.REASON_REQUIRED, '请说明原因')
  if (chars(t) > REASON_MAX) throw new DomainError(WishErrors.REASON_REQUIRED, `原因不超过 ${REASON_MAX} 字`)
  return t || null
}
