/**
 * The notices contract (社区公告). Staff upload a notice's images to
 * `noticeFilePath(me, requestId, '<n>.jpg')` (n 1–9) and its attachments to `a<n>.<ext>` (n 1–5)
 * before publishing, then pass the file ids; when editing, new files go under the notice's id
 * instead of the request id. Publish is idempotent on `requestId`: a retry answers the same notice
 * (`retried: true`).
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import { latestNoticeActions } from './latest-api'
import {
  NOTICE_LIMITS as L,
  type NoticeAttachment,
  type NoticeBlock,
  type NoticePush,
  type NoticeScope,
  type NoticeStatus,
} from './model'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))
const fileId = v.pipe(v.string(), v.minLength(1), v.maxLength(400))
const cursor = v.optional(v.pipe(v.string(), v.maxLength(200)))

export interface NoticeCard {
  readonly id: string
  readonly title: string
  readonly summary: string
  readonly publisherName: string
  readonly scopeLabel: string
  readonly publishAt: string
  readonly pinned: boolean
  readonly important: boolean
  readonly attachments: number
  /** Staff lists: published, scheduled (not out yet) or withdrawn. */
  readonly state: 'out' | 'scheduled' | 'withdrawn'
}

export interface NoticePage {
  readonly items: readonly NoticeCard[]
  readonly cursor: string | null
}

export interface NoticeManagePage extends NoticePage {
  readonly placeName: string
}

export interface GridReads {
  readonly gridId: string
  readonly name: string
  readonly reads: number
}

export interface NoticeDetail extends NoticeCard {
  readonly level: NoticeScope['level']
  readonly streetId: string
  readonly communityId: string | null
  readonly gridIds: readonly string[] | null
  readonly blocks: readonly NoticeBlock[]
  readonly files: readonly NoticeAttachment[]
  readonly status: NoticeStatus
  /** Staff of its scope only: the subscribe message (none, waiting for the time, queued) and whether one got through. */
  readonly push: { readonly state: NoticePush; readonly reached: boolean } | null
  /** Staff of its scope only: readers in all and per grid (counters, kept as residents read). */
  readonly reads: { readonly total: number; readonly grids: readonly GridReads[] } | null
  readonly can: { readonly edit: boolean; readonly withdraw: boolean }
  /** The caller's id: where their uploads for an edit go (`noticeFilePath(me, id, …)`). */
  readonly me: string
  readonly retried?: boolean
}

const block = v.variant('kind', [
  v.strictObject({ kind: v.literal('p'), text: v.pipe(v.string(), v.maxLength(L.paragraph * 2)) }),
  v.strictObject({ kind: v.literal('img'), fileId }),
])
const attachment = v.strictObject({
  fileId,
  name: v.pipe(v.string(), v.maxLength(200)),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
})
export const noticeScope = v.variant('level', [
  v.strictObject({ level: v.literal('street'), streetId: id }),
  v.strictObject({ level: v.literal('community'), communityId: id }),
  v.strictObject({
    level: v.literal('grids'),
    communityId: id,
    gridIds: v.pipe(v.array(id), v.minLength(1), v.maxLength(L.grids)),
  }),
])
// Generous wire caps (the rules give the precise codes: NOTICES.TOO_MANY_IMAGES…): nothing huge is parsed.
const content = {
  title: v.pipe(v.string(), v.maxLength(400)),
  blocks: v.pipe(v.array(block), v.maxLength(200)),
  attachments: v.optional(v.pipe(v.array(attachment), v.maxLength(50)), []),
  pinned: v.optional(v.boolean(), false),
}

export interface ScopeOption {
  readonly id: string
  readonly name: string
}

/** What a publisher may choose: the streets and communities they may publish for, and a community's grids. */
export interface PublishOptions {
  readonly streets: readonly ScopeOption[]
  readonly communities: readonly ScopeOption[]
  readonly grids: readonly ScopeOption[]
  readonly me: string
}

export const noticesActions = {
  ...latestNoticeActions,
  /** My notices (my street's, my community's, my grid's), pinned first, newest first, 20 a page. */
  'notice.list': defineAction<NoticePage>()(v.strictObject({ cursor })),
  /** Staff: the notices of a community (its own and its grids') or of a street (all), newest first, any state. */
  'notice.manage': defineAction<NoticeManagePage>()(
    v.strictObject({ communityId: v.optional(id), streetId: v.optional(id), cursor }),
  ),
  /** One notice; a resident's first read of it is recorded (once per person) and counted for their grid. */
  'notice.get': defineAction<NoticeDetail>()(v.strictObject({ noticeId: id })),
  /** Staff: publish a notice for a scope they hold (else AUTH.FORBIDDEN). `important`: a subscribe message too. */
  'notice.publish': defineAction<NoticeDetail>()(
    v.strictObject({
      requestId: clientRequestId,
      scope: noticeScope,
      ...content,
      important: v.optional(v.boolean(), false),
      /** Not visible before this time (ISO); absent: now. */
      publishAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
    }),
  ),
  /** Staff of its scope: change the title, body, attachments and pin (the scope and time stay). */
  'notice.edit': defineAction<NoticeDetail>()(v.strictObject({ noticeId: id, ...content })),
  /** Staff of its scope: withdraw it (residents no longer see it; a message not yet sent is not sent). */
  'notice.withdraw': defineAction<NoticeDetail>()(v.strictObject({ noticeId: id })),
  /** Staff: the scopes they may publish for; with `communityId`, its grids. */
  'notice.options': defineAction<PublishOptions>()(v.strictObject({ communityId: v.optional(id) })),
}
