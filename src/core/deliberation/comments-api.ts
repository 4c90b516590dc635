/**
 * The contract of a topic's comments (民议): reading the discussion, writing a comment or a reply,
 * and staff hiding one with a reason. Spread into `deliberationActions` (./api.ts).
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))

export interface CommentView {
  readonly id: string
  /** Null for a top-level comment. */
  readonly parentId: string | null
  /** The author's masked name (王**). */
  readonly authorShown: string
  /** The author's staff role (网格员) when staff wrote it, so residents see who answered; else null. */
  readonly authorRole: string | null
  /** Null when the comment is hidden and the caller is neither its author nor staff over the place. */
  readonly text: string | null
  /** I wrote it. */
  readonly mine: boolean
  readonly createdAt: string
  /** Hidden by staff: who (role and masked name), why and when; shown to everyone as 已隐藏. */
  readonly hidden: { readonly byName: string; readonly reason: string; readonly at: string } | null
  /** From the comment machine: may I reply to it (top-level, visible, the topic open), may I hide it. */
  readonly can: { readonly reply: boolean; readonly hide: boolean }
  readonly retried?: boolean
}

export interface CommentThread extends CommentView {
  /** Its replies, oldest first (a hidden comment's replies stay). */
  readonly replies: readonly CommentView[]
}

export interface CommentPage {
  readonly topicId: string
  /** May I write a top-level comment now (a resident of the grid or staff, the topic not closed). */
  readonly canPost: boolean
  /** Top-level comments, newest first, 20 a page, each with its replies (oldest first). */
  readonly items: readonly CommentThread[]
  readonly cursor: string | null
}

export const commentActions = {
  /** A topic's discussion: its top-level comments newest first (20 a page), each with its replies. */
  'comment.list': defineAction<CommentPage>()(
    v.strictObject({ topicId: id, cursor: v.optional(v.pipe(v.string(), v.maxLength(200))) }),
  ),
  /** A comment (or, with `parentId`, a reply to a top-level comment); content-checked; idempotent on requestId. */
  'comment.post': defineAction<CommentView>()(
    v.strictObject({
      topicId: id,
      parentId: v.optional(id),
      text: v.pipe(v.string(), v.maxLength(2000)),
      requestId: clientRequestId,
    }),
  ),
  /** Staff over the topic's place hide a comment with a reason (content-checked); hiding twice changes nothing. */
  'comment.hide': defineAction<CommentView>()(
    v.strictObject({ commentId: id, reason: v.pipe(v.string(), v.maxLength(2000)) }),
  ),
}
