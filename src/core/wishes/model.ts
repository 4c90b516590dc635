/**
 * 微心愿 · 心愿墙 (issue #16 §1, docs/adr/0023-wish-wall.md). A resident (or staff for a family in
 * difficulty) posts a wish for their grid; the grid worker checks it (核实) and publishes it as an
 * anonymised, numbered card (编号公示); a helper claims it alone or with a group (认领); the
 * claimant fulfils it with a photo (实现); the resident, or the grid worker for them, confirms it
 * (销号): points are paid once through the ledger and a short public story is posted.
 */
import type { WithOutbox } from '../effects'

/** A need (a thing or a service a helper can bring) or a suggestion (for the grid to decide). */
export const WishKinds = ['need', 'suggestion'] as const
export type WishKind = (typeof WishKinds)[number]
export const WishKindLabel: Readonly<Record<WishKind, string>> = { need: '心愿', suggestion: '建议' }

export const WishStatuses = [
  'pending',
  'published',
  'declined',
  'withdrawn',
  'claimed',
  'fulfilled',
  'closed',
  'expired',
  'promoted',
] as const
export type WishStatus = (typeof WishStatuses)[number]

export const WishStatusLabel: Readonly<Record<WishStatus, string>> = {
  pending: '待核实',
  published: '待认领',
  declined: '未通过',
  withdrawn: '已撤回',
  claimed: '已认领',
  fulfilled: '待确认',
  closed: '已实现',
  expired: '已过期',
  promoted: '已转议题',
}

/** How much of the place the public card shows (staff choose at publishing; never the room). */
export const ShowLevels = ['community', 'grid', 'building'] as const
export type ShowLevel = (typeof ShowLevels)[number]
export const ShowLevelLabel: Readonly<Record<ShowLevel, string>> = {
  community: '只显示社区',
  grid: '显示到网格',
  building: '显示到楼栋',
}

/** How the resident's name reads in the story on close. */
export const NameShows = ['hidden', 'surname'] as const
export type NameShow = (typeof NameShows)[number]

export const WISH_TITLE_MAX = 20
export const WISH_TEXT_MAX = 300
export const WISH_PHOTOS_MAX = 6
export const WISH_STORY_MAX = 200
export const REASON_MAX = 100
export const GROUP_NAME_MAX = 20
/** A group claim names at most this many members (the claimant among them). */
export const GROUP_MAX = 10
export const POINTS_MAX = 100
export const DEFAULT_POINTS = 10
/** An unclaimed wish expires after this many days (staff choose 7–90 at publishing). */
export const EXPIRE_DAYS = { min: 7, max: 90, default: 30 } as const

/** The family's contact, when staff post for them (a family without the app). Staff and the claimant see it. */
export interface WishPlace {
  readonly streetId: string
  readonly communityId: string
  readonly gridId: string
  readonly buildingId?: string
  /** The owner's household: the address the claimant is shown (never on the card). */
  readonly householdId?: string
}

export interface OnBehalf {
  readonly name: string
  readonly phone: string | null
  readonly address: string
}

export interface ClaimMember {
  readonly userId: string
  readonly name: string
}

export interface Claim {
  readonly by: string
  readonly byName: string
  /** A group claim (组团认领): its name and members (the claimant first); null when alone. */
  readonly group: { readonly name: string; readonly members: readonly ClaimMember[] } | null
  readonly at: Date
}

export interface WishStory {
  readonly text: string | null
  /** The resident as the story names them (一位居民, or 王**), chosen at confirming. */
  readonly residentShown: string
  readonly claimantShown: string
  readonly photos: readonly string[]
  readonly at: Date
}

export interface WishEvent {
  readonly at: Date
  readonly move: string
  readonly by: string
  readonly note?: string
}

export interface WishRecord extends WithOutbox {
  readonly _id: string
  readonly requestId: string
  readonly kind: WishKind
  /** Who posted it: the resident, or the staff member posting for a family (`onBehalf`). */
  readonly postedBy: string
  /** The resident whose wish it is; null when staff posted it for a family without the app. */
  readonly ownerId: string | null
  readonly ownerName: string
  readonly onBehalf: OnBehalf | null
  /** The owner's place: their grid and building (a family's: the grid staff chose, no building). */
  readonly path: WishPlace
  readonly title: string
  readonly text: string
  /** Photos posted with it: staff and the owner see them; the wall once staff published it. */
  readonly photos: readonly string[]
  /** Staff chose at publishing to show them on the card (off by default). */
  readonly photosShown: boolean
  readonly status: WishStatus
  /** Set at publishing: `2026-017` (the community's count of the year). */
  readonly no: string | null
  readonly show: ShowLevel | null
  /** The place as the card shows it (`新华社区 · 第1网格`), set at publishing. */
  readonly placeShown: string | null
  /** What the card says (staff may rewrite it at publishing to leave out who it is). */
  readonly publicText: string | null
  readonly points: number
  readonly expiresAt: Date | null
  readonly publishedAt: Date | null
  readonly claim: Claim | null
  readonly fulfil: {
    readonly note: string | null
    readonly photos: readonly string[]
    readonly at: Date
  } | null
  readonly story: WishStory | null
  readonly reason: string | null
  /** A suggestion promoted to a deliberation topic (linked both ways: the topic's source). */
  readonly topicId: string | null
  /** On the wall (published or later, not withdrawn/declined), for the wall's index. */
  readonly wall: boolean
  /** The ids of the claimant and the group's members (for "my claims"). */
  readonly claimantIds: readonly string[]
  readonly version: number
  readonly events: readonly WishEvent[]
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** The numbering counter of a community's year (`wish_numbers`, id `<communityId>-<year>`). */
export interface WishNumberRecord {
  readonly _id: string
  readonly next: number
}

export const wishNumberId = (communityId: string, year: number): string => `${communityId}-${year}`
export const wishNo = (year: number, n: number): string => `${year}-${String(n).padStart(3, '0')}`

/** Where the client uploads photo n of the wish it posts with this request id. */
export function wishPhotoPath(userId: string, requestId: string, n: number): string {
  return `wishes/${userId}/${requestId}/${n}.jpg`
}

/** Where the claimant uploads photo n of the fulfilment of this wish. */
export function fulfilPhotoPath(userId: string, wishId: string, n: number): string {
  return `wishes/${userId}/${wishId}/${n}.jpg`
}
