/**
 * The store of a topic's comments (民议), collection `topic_comments`: it loads, asks core
 * (src/core/deliberation/comments.ts) and writes. A post is one insert, found again by
 * (authorId, requestId), unique; a hiding is one conditional write on the comment's version
 * through the runner. The hiding is recorded on the comment (who, when, why) and logged as one
 * structured line (`comment.hide`): it is a moderation act, not a read of personal data, so it does
 * not go to the access log.
 */
import type { CommentPage, CommentThread, CommentView } from '../../../src/core/deliberation/comments-api'
import {
  checkCommentText,
  commentView,
  hideComment,
  mayPost,
  mayReadComments,
  newComment,
  type CommentRecord,
} from '../../../src/core/deliberation/comments'
import { checkReason } from '../../../src/core/deliberation/rules'
import type { TopicRecord } from '../../../src/core/deliberation/model'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import { updatePlan } from '../../../src/core/plan'
import type { Actor } from '../../../src/core/roles'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import { getDoc } from './docs'
import { pageAfter } from './paging'
import { load, nameOf, notFound, PAGE } from './deliberation-base'

export const COMMENTS = 'topic_comments'
/** Replies of one page's top-level comments, read at most this many (oldest first). */
const REPLIES_MAX = 1000

const commentNotFound = () => new DomainError(CommonErrorCodes.NOT_FOUND, '评论不存在')

async function loadComment(commentId: string): Promise<CommentRecord> {
  const c = await getDoc<CommentRecord>(COMMENTS, commentId)
  if (!c) throw commentNotFound()
  return { ...c, _id: commentId }
}

/** The topic, if the caller may read its discussion (a resident of its grid, staff over it); else not found. */
async function topicFor(actor: Actor, topicId: string): Promise<TopicRecord> {
  const t = await load(topicId)
  if (!mayReadComments(actor, t.path)) throw notFound()
  return t
}

/**
 * comment.list: top-level comments newest first (a new comment shows at the top of the first page),
 * 20 a page (keyset on createdAt, _id), each with its replies oldest first (they read as a talk).
 */
export async function listComments(actor: Actor, topicId: string, cursor?: string): Promise<CommentPage> {
  const t = await topicFor(actor, topicId)
  const _ = db().command
  const { rows: page, cursor: next } = await pageAfter<CommentRecord>(
    COMMENTS,
    { topicId, parentId: null },
    { field: 'createdAt', dir: 'desc' },
    cursor,
    PAGE,
  )
  const replies = page.length
    ? ((
        await db()
          .collection(COMMENTS)
          .where({ topicId, parentId: _.in(page.map((c) => c._id)) })
          .orderBy('createdAt', 'asc')
          .orderBy('_id', 'asc')
          .limit(REPLIES_MAX)
          .get()
      ).data as CommentRecord[])
    : []
  const items: CommentThread[] = page.map((c) => ({
    ...commentView(actor, t, c),
    replies: replies.filter((r) => r.parentId === c._id).map((r) => commentView(actor, t, r)),
  }))
  return {
    topicId,
    canPost: mayPost(actor, t),
    items,
    cursor: next,
  }
}

/**
 * comment.post: a comment or a reply. Idempotent on requestId (unique authorId + requestId): a
 * retry answers the stored comment. Core decides (who, the topic's step, one level, the text), then
 * the text passes content security, then one insert.
 */
export async function postComment(
  ctx: CallContext,
  input: { topicId: string; parentId?: string; text: string; requestId: string },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<CommentView> {
  const { actor } = ctx
  const stored = () =>
    byRequest<CommentRecord>(COMMENTS, { authorId: actor.userId, requestId: input.requestId })
  const again = async (c: CommentRecord) => ({
    ...commentView(actor, await topicFor(actor, c.topicId), c),
    retried: true,
  })
  const earlier = await stored()
  if (earlier) return again(earlier)
  const t = await topicFor(actor, input.topicId)
  const parent = input.parentId ? await getDoc<CommentRecord>(COMMENTS, input.parentId) : null
  if (input.parentId && !parent) throw commentNotFound()
  const comment = newComment({
    id: newId('cm'),
    requestId: input.requestId,
    author: { actor, name: nameOf(ctx) },
    topic: t,
    parent: parent && input.parentId ? { ...parent, _id: input.parentId } : null,
    text: checkCommentText(input.text),
    now,
  })
  await check(comment.text)
  try {
    await db().collection(COMMENTS).add(comment)
  } catch (err) {
    const found = isDuplicateKey(err) ? await stored() : null
    if (!found) throw err
    return again(found)
  }
  return commentView(actor, t, comment)
}

/**
 * comment.hide: staff over the topic's place, with a reason (content-checked). Hiding a hidden
 * comment again answers it as it is and changes nothing.
 */
export async function hide(
  ctx: CallContext,
  input: { commentId: string; reason: string },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<CommentView> {
  const { actor } = ctx
  const by = { actor, name: nameOf(ctx) }
  const first = await loadComment(input.commentId)
  const t = await load(first.topicId)
  const tried = hideComment(first, t.path, by, input.reason, now)
  if ('same' in tried) return commentView(actor, t, tried.same)
  await check(checkReason(input.reason, '隐藏的理由'))
  const next = await decideAndRun<CommentRecord, CommentRecord>(
    () => loadComment(input.commentId),
    (c) => {
      const o = hideComment(c, t.path, by, input.reason, now)
      if ('same' in o) return { done: o.same }
      const { hidden, version } = o.next
      return {
        plan: updatePlan(COMMENTS, c._id, { version: c.version }, { hidden, version }, null),
        result: o.next,
      }
    },
    now,
  )
  if (next.hidden?.by === actor.userId && next.version === first.version + 1)
    console.log(
      JSON.stringify({
        level: 'info',
        what: 'comment.hide',
        requestId: ctx.requestId,
        commentId: next._id,
        topicId: next.topicId,
        by: actor.userId,
        reason: next.hidden.reason,
        at: now.toISOString(),
      }),
    )
  return commentView(actor, t, next)
}
