/**
 * The wish-wall contract (心愿墙 · 微心愿): posting, the wall, a wish's detail, the staff's check and
 * the helpers' claims, fulfilment and confirmation, and a suggestion promoted to a topic.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import type { WishMove } from './machine'
import { NameShows, ShowLevels, WishKinds, type WishKind, type WishStatus } from './model'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))
const photos = v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(400))), v.maxLength(50)), [])
const text = (max: number) => v.pipe(v.string(), v.maxLength(max))

/** What every view of a wish starts with. */
export interface WishHead {
  readonly wishId: string
  readonly no: string | null
  readonly kind: WishKind
  readonly status: WishStatus
  readonly statusLabel: string
  readonly title: string
}

export interface WishCard extends WishHead {
  /** The card's text (what staff published), clipped. */
  readonly summary: string
  readonly placeShown: string | null
  readonly points: number
  /** 张** or 某某党支部（3 人）: who claimed it, as others see it. */
  readonly claimedBy: string | null
  /** The story's first words, on a fulfilled wish. */
  readonly story: string | null
  readonly at: string
}

export interface WishPage {
  readonly gridId: string | null
  readonly items: readonly WishCard[]
  readonly cursor: string | null
  /** The caller may post a wish here (a resident of the grid, or staff over it posting for a family). */
  readonly canPost: boolean
  /** Staff over the grid: how many wishes wait for their check. */
  readonly pending: number | null
}

export interface WishContact {
  readonly name: string
  readonly phone: string | null
  readonly address: string
}

export interface WishDetail extends WishHead {
  /** The card's text; the owner, poster and staff see the wish as posted in `text`. */
  readonly publicText: string | null
  readonly text: string | null
  readonly placeShown: string | null
  readonly photos: readonly string[]
  readonly points: number
  readonly expiresAt: string | null
  readonly claimedBy: string | null
  /** The caller is the claimant or a member of the claiming group. */
  readonly claimedByMe: boolean
  readonly group: { readonly name: string; readonly members: readonly string[] } | null
  readonly fulfil: {
    readonly note: string | null
    readonly photos: readonly string[]
    readonly at: string
  } | null
  readonly story: {
    readonly text: string | null
    readonly residentShown: string
    readonly claimantShown: string
    readonly photos: readonly string[]
    readonly at: string
  } | null
  /** Why it was declined, or why the owner asked to redo it (owner, poster, staff, claimants). */
  readonly reason: string | null
  readonly topicId: string | null
  /** The family's contact, for the claimant and staff while it is being fulfilled (logged). */
  readonly contact: WishContact | null
  /** Posted by staff for a family without the app (staff confirm for them). */
  readonly onBehalf: boolean
  readonly mine: boolean
  readonly can: readonly WishMove[]
  readonly retried?: boolean
}

export interface WishHelper {
  readonly userId: string
  readonly name: string
}

export const WishTabs = ['open', 'doing', 'done', 'mine', 'review'] as const
export type WishTab = (typeof WishTabs)[number]

export const wishActions = {
  /**
   * A grid's wall: `open` (待认领), `doing` (认领中), `done` (已实现, with stories), newest first, 20 a
   * page; `mine` (posted by me or claimed by me or my group); `review` (staff: waiting for their check,
   * fulfilled without a resident to confirm, expired). Default grid: my home grid, or my helper or
   * staff grid.
   */
  'wish.list': defineAction<WishPage>()(
    v.strictObject({
      tab: v.picklist(WishTabs),
      gridId: v.optional(id),
      cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
  ),
  'wish.get': defineAction<WishDetail>()(v.strictObject({ wishId: id })),
  /**
   * Post a wish (a resident, for their grid) or, with `onBehalf` and `gridId`, staff for a family in
   * difficulty. Content-checked; up to 6 photos uploaded to `wishPhotoPath(me, requestId, n)`.
   * Idempotent on requestId.
   */
  'wish.post': defineAction<WishDetail>()(
    v.strictObject({
      requestId: clientRequestId,
      kind: v.picklist(WishKinds),
      title: text(200),
      text: text(2000),
      photos,
      gridId: v.optional(id),
      onBehalf: v.optional(
        v.strictObject({ name: text(100), phone: v.optional(text(40)), address: text(200) }),
      ),
    }),
  ),
  /** Staff: publish (number it, choose how much of the place to show, the card's text, points, expiry). */
  'wish.publish': defineAction<WishDetail>()(
    v.strictObject({
      wishId: id,
      show: v.picklist(ShowLevels),
      publicText: v.optional(text(2000)),
      points: v.optional(v.number()),
      expireDays: v.optional(v.number()),
      showPhotos: v.optional(v.boolean()),
    }),
  ),
  /** A helper of the grid claims it: alone, or for a group with named members (helpers of the grid). */
  'wish.claim': defineAction<WishDetail>()(
    v.strictObject({
      wishId: id,
      group: v.optional(v.strictObject({ name: text(100), memberIds: v.pipe(v.array(id), v.maxLength(20)) })),
    }),
  ),
  /** The claimant: fulfilled, with 1..6 photos uploaded to `fulfilPhotoPath(me, wishId, n)` and a note. */
  'wish.fulfil': defineAction<WishDetail>()(
    v.strictObject({ wishId: id, note: v.optional(text(400)), photos }),
  ),
  /** The owner (or staff for them): confirm; points paid once; the story posted, the name shown as chosen. */
  'wish.confirm': defineAction<WishDetail>()(
    v.strictObject({ wishId: id, story: v.optional(text(1000)), showName: v.picklist(NameShows) }),
  ),
  /** decline (staff, reason), withdraw (owner), release (claimant, staff), redo (owner, staff, reason), reopen (staff). */
  'wish.move': defineAction<WishDetail>()(
    v.strictObject({
      wishId: id,
      move: v.picklist(['decline', 'withdraw', 'release', 'redo', 'reopen'] as const),
      reason: v.optional(text(400)),
    }),
  ),
  /** Staff: a suggestion becomes a deliberation topic of its grid, linked both ways. */
  'wish.promote': defineAction<WishDetail & { readonly topicId: string }>()(
    v.strictObject({ wishId: id, requestId: clientRequestId }),
  ),
  /** The helpers of a wish's grid a claimant may name in a group. */
  'wish.helpers': defineAction<{ readonly helpers: readonly WishHelper[] }>()(v.strictObject({ wishId: id })),
}
