/**
 * Comments on a topic (民议 · 研究讨论): residents of the topic's grid and staff over it discuss
 * it, threaded one level (a reply answers a top-level comment, never a reply). Staff over the place
 * hide a comment with a reason: the hiding is recorded on the comment (who, when, why); others
 * then see "已隐藏" and the reason, never the text; its author and staff still see the text, marked.
 *
 * Collection `topic_comments`, one document per comment. Its id is opaque (ADR 0016); a retried
 * post finds its comment by (authorId, requestId), unique. Pure: the store loads and writes, the
 * deciders here say what is allowed and what is stored.
 */
import { isCouncilOf, isResidentOf, isStaffOver, staffRoleOver } from '../access'
import { DomainError } from '../errors'
import { defineMachine } from '../machine'
import { maskName } from '../privacy/mask'
import { RoleLabel, type Actor } from '../roles'
import type { CommentView } from './comments-api'
import type { TopicPlace, TopicRecord, TopicStatus } from './model'
import { checkReason } from './rules'

/** A comment's text, trimmed, in characters. */
export const COMMENT_MAX = 500

export const CommentErrors = {
  /** The text is empty or longer than COMMENT_MAX. */
  TEXT: 'DELIBERATION.COMMENT_TEXT',
  /** A reply answers a top-level comment, never a reply (threads are one level deep). */
  DEPTH: 'DELIBERATION.REPLY_DEPTH',
  /** A hidden comment takes no more replies. */
  HIDDEN: 'DELIBERATION.COMMENT_HIDDEN',
  /** The topic was not put on the agenda, was withdrawn or is closed (已办结): its discussion is closed. */
  CLOSED: 'DELIBERATION.COMMENTS_CLOSED',
} as const

/**
 * The topic statuses that close the discussion. Every other status (carrying out and judging
 * included) allows comments: the rule is "not in this list".
 */
export const CommentsClosedIn: readonly TopicStatus[] = ['rejected', 'withdrawn', 'evaluated']

export const commentsOpen = (status: TopicStatus): boolean => !CommentsClosedIn.includes(status)

export interface CommentHiding {
  /** The staff member's user id (internal; never answered). */
  readonly by: string
  /** Who hid it, as others read it: their role and masked name (网格员 刘**). */
  readonly byName: string
  readonly reason: string
  readonly at: Date
}

export interface CommentRecord {
  readonly _id: string
  readonly topicId: string
  /** Null for a top-level comment; else the top-level comment of the same topic it answers. */
  readonly parentId: string | null
  readonly authorId: string
  /** The author's name as others see it (masked, e.g. 王**); ERASED_NAME after erasure. */
  readonly authorShown: string
  /** The author's staff role over the topic's place when they wrote it (网格员), so residents see who answered. */
  readonly authorRole: string | null
  readonly text: string
  readonly requestId: string
  readonly hidden: CommentHiding | null
  readonly version: number
  readonly createdAt: Date
}

// ── The comment machine (core/machine.ts): a comment is visible until staff hide it ──

export const CommentStates = ['visible', 'hidden'] as const
export type CommentState = (typeof CommentStates)[number]
export const CommentMoves = ['reply', 'hide'] as const
export type CommentMove = (typeof CommentMoves)[number]
/** `member`: a resident of the topic's grid; `staff`: staff over its place; `author`: who wrote it. */
export const CommentParties = ['member', 'staff', 'author'] as const
export type CommentParty = (typeof CommentParties)[number]

export interface CommentContext {
  /** Is the comment top-level (replies take no replies)? */
  readonly topLevel: boolean
  /** Does the topic's status allow comments (commentsOpen)? */
  readonly open: boolean
}

export const commentMachine = defineMachine<CommentState, CommentMove, CommentParty, CommentContext>({
  states: CommentStates,
  moves: CommentMoves,
  parties: CommentParties,
  rows: [
    {
      // Replying leaves the comment as it is; allowed on a visible top-level comment of an open topic.
      move: 'reply',
      from: ['visible'],
      to: 'visible',
      parties: ['member', 'staff'],
      when: (c) => (!c.topLevel ? CommentErrors.DEPTH : c.open ? true : CommentErrors.CLOSED),
    },
    // Staff over the place hide a comment, whatever the topic's step.
    { move: 'hide', from: ['visible'], to: 'hidden', parties: ['staff'] },
  ],
})

export const stateOf = (c: Pick<CommentRecord, 'hidden'>): CommentState => (c.hidden ? 'hidden' : 'visible')

// ── Who the caller is ──

/**
 * The caller's parties to the topic's discussion (no `author`: that is per comment). A member of the
 * grid's council discusses as a member does, living there or not; hiding stays with staff.
 */
export function discussantOf(actor: Actor, place: TopicPlace): CommentParty[] {
  const out: CommentParty[] = []
  if (isResidentOf(actor, place) || isCouncilOf(actor, place.gridId)) out.push('member')
  if (isStaffOver(actor, place)) out.push('staff')
  return out
}

/** The caller's parties to one comment. */
export function partiesToComment(
  actor: Actor,
  place: TopicPlace,
  c: Pick<CommentRecord, 'authorId'>,
): CommentParty[] {
  const out = discussantOf(actor, place)
  if (c.authorId === actor.userId) out.push('author')
  return out
}

/** May the caller read the topic's comments at all: a resident of its grid, or staff over it. */
export const mayReadComments = (actor: Actor, place: TopicPlace): boolean =>
  discussantOf(actor, place).length > 0

/** May the caller write a top-level comment now (the page's text area). */
export const mayPost = (actor: Actor, t: Pick<TopicRecord, 'path' | 'status'>): boolean =>
  mayReadComments(actor, t.path) && commentsOpen(t.status)

/** The text of a comment, or DELIBERATION.COMMENT_TEXT. */
export function checkCommentText(raw: string): string {
  const s = raw.trim()
  if (!s || [...s].length > COMMENT_MAX)
    throw new DomainError(CommentErrors.TEXT, `请填写评论（不超过 ${COMMENT_MAX} 字）`)
  return s
}

const notFound = () => new DomainError('DATA.NOT_FOUND', '议题不存在')

// ── Deciders ──

export interface NewCommentInput {
  readonly id: string
  readonly requestId: string
  readonly author: { readonly actor: Actor; readonly name: string }
  readonly topic: Pick<TopicRecord, '_id' | 'path' | 'status'>
  /** The comment it answers, loaded; null for a top-level comment. */
  readonly parent: CommentRecord | null
  readonly text: string
  readonly now: Date
}

/**
 * A new comment, or why not: the caller must be a resident of the topic's grid or staff over it
 * (else DATA.NOT_FOUND, as for the topic itself), the topic open, the parent a visible top-level
 * comment of the same topic, the text 1–500 characters.
 */
export function newComment(i: NewCommentInput): CommentRecord {
  const { actor } = i.author
  const parties = discussantOf(actor, i.topic.path)
  if (parties.length === 0) throw notFound()
  if (i.parent) {
    if (i.parent.topicId !== i.topic._id) throw new DomainError('DATA.NOT_FOUND', '评论不存在')
    const step = commentMachine.next(stateOf(i.parent), 'reply', parties, {
      topLevel: i.parent.parentId === null,
      open: commentsOpen(i.topic.status),
    })
    if (!step.ok) throw refusal('reply', step.code)
  } else if (!commentsOpen(i.topic.status)) throw refusal('reply', CommentErrors.CLOSED)
  // Residents see who answered: staff by their role, else the grid's council (议事会成员).
  const role =
    staffRoleOver(actor, i.topic.path) ?? (isCouncilOf(actor, i.topic.path.gridId) ? 'council_member' : null)
  return {
    _id: i.id,
    topicId: i.topic._id,
    parentId: i.parent?._id ?? null,
    authorId: actor.userId,
    authorShown: maskName(i.author.name) || '居民',
    authorRole: role ? RoleLabel[role] : null,
    text: checkCommentText(i.text),
    requestId: i.requestId,
    hidden: null,
    version: 1,
    createdAt: i.now,
  }
}

/** The machine's refusal as the caller reads it. */
function refusal(move: CommentMove, code: string): DomainError {
  if (code === CommentErrors.DEPTH)
    return new DomainError(CommentErrors.DEPTH, '只能回复主评论，不能回复回复')
  if (code === CommentErrors.CLOSED)
    return new DomainError(CommentErrors.CLOSED, '议题未立项、已撤回或已办结，讨论已关闭')
  // No row leaves a hidden comment for a reply.
  if (move === 'reply' && code === 'MACHINE.NO_MOVE')
    return new DomainError(CommentErrors.HIDDEN, '该评论已隐藏，不能回复')
  return new DomainError(
    'AUTH.FORBIDDEN',
    move === 'hide' ? '只有本网格的工作人员可以隐藏评论' : '您不能进行这一步',
  )
}

/** The decider of a hiding: the next comment, or `same` when it was already hidden (nothing changes). */
export type HideOutcome = { readonly same: CommentRecord } | { readonly next: CommentRecord }

/**
 * Staff over the topic's place hide a comment with a reason (required, ≤ 300 characters). Hiding a
 * hidden comment again changes nothing: it answers the comment as it is.
 */
export function hideComment(
  c: CommentRecord,
  place: TopicPlace,
  by: { readonly actor: Actor; readonly name: string },
  rawReason: string,
  now: Date,
): HideOutcome {
  const parties = partiesToComment(by.actor, place, c)
  if (!parties.includes('member') && !parties.includes('staff')) throw notFound()
  if (c.hidden && parties.includes('staff')) return { same: c }
  const step = commentMachine.next(stateOf(c), 'hide', parties, { topLevel: c.parentId === null, open: true })
  if (!step.ok) throw refusal('hide', step.code)
  const role = staffRoleOver(by.actor, place)
  const masked = maskName(by.name) || '工作人员'
  return {
    next: {
      ...c,
      hidden: {
        by: by.actor.userId,
        byName: role ? `${RoleLabel[role]} ${masked}` : masked,
        reason: checkReason(rawReason, '隐藏的理由'),
        at: now,
      },
      version: c.version + 1,
    },
  }
}

// ── The view ──

/**
 * A comment as the caller sees it: a hidden comment's text only for its author and staff over the
 * place (marked hidden); everyone else reads "已隐藏" and the reason. `can` comes from the machine.
 */
export function commentView(
  actor: Actor,
  t: Pick<TopicRecord, 'path' | 'status'>,
  c: CommentRecord,
): CommentView {
  const parties = partiesToComment(actor, t.path, c)
  const ctx = { topLevel: c.parentId === null, open: commentsOpen(t.status) }
  const moves = commentMachine.movesFor(stateOf(c), parties, ctx)
  const seesText = !c.hidden || parties.includes('author') || parties.includes('staff')
  return {
    id: c._id,
    parentId: c.parentId,
    authorShown: c.authorShown,
    authorRole: c.authorRole,
    text: seesText ? c.text : null,
    mine: c.authorId === actor.userId,
    createdAt: new Date(c.createdAt).toISOString(),
    hidden: c.hidden
      ? { byName: c.hidden.byName, reason: c.hidden.reason, at: new Date(c.hidden.at).toISOString() }
      : null,
    can: { reply: moves.includes('reply'), hide: moves.includes('hide') },
  }
}
