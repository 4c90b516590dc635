/**
 * Notices (社区公告): what a notice is, as stored. A notice belongs to one scope: the whole street,
 * one community, or some grids of one community. Its body is a small structure, never raw HTML:
 * paragraphs of text and images (file ids), in order. Attachments (e.g. a PDF) are file ids with
 * their name and size. A notice is visible from `publishAt` (scheduled notices are not before).
 */
import type { WithOutbox } from '../effects'

export const NOTICE_LIMITS = {
  title: 60,
  /** Paragraphs and images together. */
  blocks: 40,
  paragraph: 2000,
  /** All paragraphs together. */
  text: 6000,
  images: 9,
  attachments: 5,
  attachmentName: 60,
  /** 20 MB a file (WeChat's openDocument opens up to that comfortably). */
  attachmentBytes: 20 * 1024 * 1024,
  grids: 20,
  /** A publish time at most 90 days ahead. */
  aheadDays: 90,
} as const

/** Where staff upload a notice's files: `notices/<userId>/<requestId>/<n>.<ext>` (images 1–9, files a1–a5). */
export const NOTICE_FOLDER = 'notices'
export const noticeFilePath = (userId: string, requestId: string, name: string): string =>
  `${NOTICE_FOLDER}/${userId}/${requestId}/${name}`
export const ImageExts = ['jpg', 'jpeg', 'png'] as const
export const AttachmentExts = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'png'] as const

export type NoticeBlock =
  { readonly kind: 'p'; readonly text: string } | { readonly kind: 'img'; readonly fileId: string }

export interface NoticeAttachment {
  readonly fileId: string
  readonly name: string
  /** Bytes. */
  readonly size: number
}

/** The scope a publisher names. */
export type NoticeScope =
  | { readonly level: 'street'; readonly streetId: string }
  | { readonly level: 'community'; readonly communityId: string }
  | { readonly level: 'grids'; readonly communityId: string; readonly gridIds: readonly string[] }

export const NoticeStatuses = ['published', 'withdrawn'] as const
export type NoticeStatus = (typeof NoticeStatuses)[number]

/** The subscribe message of an important notice: none, waiting for its publish time, or handed to the outbox. */
export type NoticePush = 'none' | 'scheduled' | 'queued'

export interface NoticeRecord extends WithOutbox {
  readonly _id: string
  readonly level: NoticeScope['level']
  readonly streetId: string
  readonly communityId: string | null
  readonly gridIds: readonly string[] | null
  /** Who sees it: `s:<streetId>`, `c:<communityId>` or `g:<gridId>` each (index `audience_order`). */
  readonly audience: readonly string[]
  /** The places whose staff manage it: the street, and the community (index `places_created`). */
  readonly places: readonly string[]
  readonly title: string
  readonly blocks: readonly NoticeBlock[]
  readonly attachments: readonly NoticeAttachment[]
  readonly pinned: boolean
  /** 1 when pinned: the list orders by it first. */
  readonly pin: 0 | 1
  readonly important: boolean
  readonly push: NoticePush
  /** Set by the outbox once a subscribe message of it got through to someone. */
  readonly pushReached?: boolean
  readonly publishAt: Date
  readonly status: NoticeStatus
  readonly createdBy: string
  /** The publisher's office as residents see it (e.g. 新华社区居委会), never a person's name. */
  readonly publisherName: string
  readonly requestId: string
  readonly version: number
  readonly createdAt: Date
  readonly updatedAt: Date
  readonly withdrawnAt: Date | null
}

/** A read receipt: one per notice and person (unique index), carrying the count of its read on its outbox. */
export interface NoticeReadRecord extends WithOutbox {
  readonly _id: string
  readonly noticeId: string
  readonly userId: string
  /** The reader's grid when they read it (the count's row). */
  readonly gridId: string
  readonly readAt: Date
}

/** Read counts of a notice (`notice_counts/<noticeId>`), kept by the receipts' outbox, never by scans. */
export interface NoticeCountsRecord {
  readonly _id: string
  readonly total: number
  readonly grids: Readonly<Record<string, number>>
}

export const NOTICES = 'notices'
export const NOTICE_READS = 'notice_reads'
export const NOTICE_COUNTS = 'notice_counts'
