/**
 * Comments on a topic (民议, src/core/deliberation/comments.ts), against expectations written by
 * hand from issue #15 item 3: residents of the topic's grid and staff over it discuss it, threaded
 * one level; staff hide a comment with a reason; others then see 已隐藏 and the reason, the author
 * and staff still the text; rejected and withdrawn topics take no more comments.
 */
import {
  checkCommentText,
  commentMachine,
  commentView,
  hideComment,
  mayPost,
  newComment,
  type CommentRecord,
} from '../../src/core/deliberation/comments'
import { TopicStatuses, type TopicStatus } from '../../src/core/deliberation/model'
import { isDomainError } from '../../src/core/errors'
import type { Actor } from '../../src/core/roles'

const T0 = new Date('2026-12-07T02:00:00Z')
const GRID = { streetId: 's1', communityId: 'c1', gridId: 'g1' }
const home = (gridId: string, householdId: string) => ({
  ...GRID,
  gridId,
  buildingId: 'b',
  unitId: 'u',
  householdId,
})
const codeOf = (fn: () => unknown) => {
  try {
    fn()
    return 'ok'
  } catch (err) {
    return isDomainError(err) ? err.code : String(err)
  }
}

// The people, by what they are to the topic in grid g1.
const people: Record<string, Actor> = {
  author: { userId: 'u-author', grants: [{ role: 'resident', scope: home('g1', 'h1') }] },
  neighbour: { userId: 'u-nb', grants: [{ role: 'resident', scope: home('g1', 'h2') }] },
  worker: { userId: 'u-w', grants: [{ role: 'grid_worker', scope: GRID }] },
  admin: {
    userId: 'u-a',
    grants: [{ role: 'community_admin', scope: { streetId: 's1', communityId: 'c1' } }],
  },
  otherResident: { userId: 'u-o', grants: [{ role: 'resident', scope: home('g2', 'h9') }] },
  otherWorker: { userId: 'u-ow', grants: [{ role: 'grid_worker', scope: { ...GRID, gridId: 'g2' } }] },
  // A member of the grid's council (议事会成员) not living there; and one of another grid's council.
  council: { userId: 'u-k', grants: [{ role: 'council_member', scope: GRID }] },
  otherCouncil: { userId: 'u-ok', grants: [{ role: 'council_member', scope: { ...GRID, gridId: 'g2' } }] },
}
type Who = keyof typeof people

const topic = (status: TopicStatus = 'confirmed') => ({ _id: 'tp1', path: GRID, status })
const comment = (over: Partial<CommentRecord> = {}): CommentRecord => ({
  _id: 'cm1',
  topicId: 'tp1',
  parentId: null,
  authorId: 'u-author',
  authorShown: '王**',
  authorRole: null,
  text: '建议装在3号楼东侧',
  requestId: 'r1',
  hidden: null,
  version: 1,
  createdAt: T0,
  ...over,
})
const hidden = comment({
  hidden: { by: 'u-w', byName: '网格员 刘**', reason: '含有他人电话', at: T0 },
  version: 2,
})
const post = (who: Who, status: TopicStatus, parent: CommentRecord | null = null, text = '同意') =>
  codeOf(() =>
    newComment({
      id: 'cm9',
      requestId: 'r9',
      author: { actor: people[who]!, name: '测试人' },
      topic: topic(status),
      parent,
      text,
      now: T0,
    }),
  )

// Carrying out and judging (doing, evaluating) allow comments; a topic closed (已办结) does not.
const later: TopicStatus[] = ['doing', 'evaluating']
const closed: TopicStatus[] = ['rejected', 'withdrawn', 'evaluated']

describe('who may write a top-level comment: party × topic status', () => {
  // Written by hand: 'ok', or the code. Outsiders do not see the topic at all (as topic.get).
  const open = {
    author: 'ok',
    neighbour: 'ok',
    worker: 'ok',
    admin: 'ok',
    otherResident: 'DATA.NOT_FOUND',
    otherWorker: 'DATA.NOT_FOUND',
    council: 'ok',
    otherCouncil: 'DATA.NOT_FOUND',
  }
  const shut = {
    author: 'DELIBERATION.COMMENTS_CLOSED',
    neighbour: 'DELIBERATION.COMMENTS_CLOSED',
    worker: 'DELIBERATION.COMMENTS_CLOSED',
    admin: 'DELIBERATION.COMMENTS_CLOSED',
    otherResident: 'DATA.NOT_FOUND',
    otherWorker: 'DATA.NOT_FOUND',
    council: 'DELIBERATION.COMMENTS_CLOSED',
    otherCouncil: 'DATA.NOT_FOUND',
  }
  const expected: Record<string, Record<Who, string>> = {
    proposed: open,
    confirmed: open,
    voting: open,
    decided: open,
    doing: open,
    evaluating: open,
    rejected: shut,
    withdrawn: shut,
    evaluated: shut,
  }
  it('covers every status', () => {
    expect(Object.keys(expected).sort()).toEqual([...TopicStatuses].sort())
  })
  it.each(
    Object.entries(expected).flatMap(([s, row]) => Object.entries(row).map(([w, want]) => [s, w, want])),
  )('%s, %s → %s', (status, who, want) => {
    expect(post(who as Who, status as TopicStatus)).toBe(want)
    expect(mayPost(people[who as Who]!, topic(status as TopicStatus))).toBe(want === 'ok')
  })
})

describe('replies: one level, to a visible comment of an open topic', () => {
  const reply = comment({ _id: 'cm2', parentId: 'cm1' })
  it.each<[string, Who, TopicStatus, CommentRecord, string]>([
    ['a neighbour answers a top-level comment', 'neighbour', 'confirmed', comment(), 'ok'],
    ['staff answer it', 'worker', 'voting', comment(), 'ok'],
    ['while carrying out (a later step)', 'neighbour', later[0]!, comment(), 'ok'],
    ['a reply to a reply is refused', 'neighbour', 'confirmed', reply, 'DELIBERATION.REPLY_DEPTH'],
    ['staff neither reply to a reply', 'worker', 'confirmed', reply, 'DELIBERATION.REPLY_DEPTH'],
    ['a hidden comment takes no replies', 'neighbour', 'confirmed', hidden, 'DELIBERATION.COMMENT_HIDDEN'],
    ['a rejected topic takes none', 'neighbour', 'rejected', comment(), 'DELIBERATION.COMMENTS_CLOSED'],
    ['a withdrawn topic takes none', 'worker', 'withdrawn', comment(), 'DELIBERATION.COMMENTS_CLOSED'],
    ['another grid: refused', 'otherResident', 'confirmed', comment(), 'DATA.NOT_FOUND'],
    ['staff of another grid: refused', 'otherWorker', 'confirmed', comment(), 'DATA.NOT_FOUND'],
    [
      'a parent of another topic: not found',
      'neighbour',
      'confirmed',
      comment({ topicId: 'tp2' }),
      'DATA.NOT_FOUND',
    ],
  ])('%s', (_n, who, status, parent, want) => {
    expect(post(who, status, parent)).toBe(want)
  })

  it('the new comment: opaque fields only, a masked name, the role of staff', () => {
    const c = newComment({
      id: 'cm_x',
      requestId: 'req-1',
      author: { actor: people.worker!, name: '刘建国' },
      topic: topic(),
      parent: comment(),
      text: '  我们周五去现场看  ',
      now: T0,
    })
    expect(c).toEqual({
      _id: 'cm_x',
      topicId: 'tp1',
      parentId: 'cm1',
      authorId: 'u-w',
      authorShown: '刘**',
      authorRole: '网格员',
      text: '我们周五去现场看',
      requestId: 'req-1',
      hidden: null,
      version: 1,
      createdAt: T0,
    })
    const r = newComment({
      id: 'cm_y',
      requestId: 'req-2',
      author: { actor: people.neighbour!, name: '李德明' },
      topic: topic(),
      parent: null,
      text: '好',
      now: T0,
    })
    expect(r).toMatchObject({ parentId: null, authorShown: '李**', authorRole: null })
    // A council member is named by the council's role, so residents see who answered.
    const k = newComment({
      id: 'cm_z',
      requestId: 'req-3',
      author: { actor: people.council!, name: '杨丽华' },
      topic: topic(),
      parent: null,
      text: '下周议事会讨论',
      now: T0,
    })
    expect(k).toMatchObject({ authorShown: '杨**', authorRole: '议事会成员' })
  })
})

describe('text bounds', () => {
  it.each<[string, string, string]>([
    ['empty', '', 'DELIBERATION.COMMENT_TEXT'],
    ['only spaces', '   \n ', 'DELIBERATION.COMMENT_TEXT'],
    ['one character', '好', 'ok'],
    ['500 characters', '议'.repeat(500), 'ok'],
    ['500 after trimming', ` ${'议'.repeat(500)} `, 'ok'],
    ['501 characters', '议'.repeat(501), 'DELIBERATION.COMMENT_TEXT'],
    ['500 emoji (counted as characters)', '👍'.repeat(500), 'ok'],
  ])('%s', (_n, text, want) => {
    expect(codeOf(() => checkCommentText(text))).toBe(want)
    expect(post('neighbour', 'confirmed', null, text)).toBe(want)
  })
})

describe('hiding: party × hidden state', () => {
  const hide = (who: Who, c: CommentRecord, reason = '含有他人电话') =>
    hideComment(c, GRID, { actor: people[who]!, name: '刘建国' }, reason, T0)
  // Written by hand: 'hides', 'same' (already hidden: nothing changes) or the code.
  const expected: Record<Who, [visible: string, hidden: string]> = {
    author: ['AUTH.FORBIDDEN', 'AUTH.FORBIDDEN'],
    neighbour: ['AUTH.FORBIDDEN', 'AUTH.FORBIDDEN'],
    worker: ['hides', 'same'],
    admin: ['hides', 'same'],
    otherResident: ['DATA.NOT_FOUND', 'DATA.NOT_FOUND'],
    otherWorker: ['DATA.NOT_FOUND', 'DATA.NOT_FOUND'],
    // The council discusses; hiding stays with staff.
    council: ['AUTH.FORBIDDEN', 'AUTH.FORBIDDEN'],
    otherCouncil: ['DATA.NOT_FOUND', 'DATA.NOT_FOUND'],
  }
  it.each(Object.entries(expected))('%s', (who, [onVisible, onHidden]) => {
    const outcome = (c: CommentRecord) => {
      const code = codeOf(() => hide(who as Who, c))
      if (code !== 'ok') return code
      return 'same' in hide(who as Who, c) ? 'same' : 'hides'
    }
    expect(outcome(comment())).toBe(onVisible)
    expect(outcome(hidden)).toBe(onHidden)
  })

  it('records who, when and why; needs a reason; a reply may be hidden too; the topic’s step does not matter', () => {
    const o = hide('worker', comment())
    expect(o).toEqual({
      next: {
        ...comment(),
        hidden: { by: 'u-w', byName: '网格员 刘**', reason: '含有他人电话', at: T0 },
        version: 2,
      },
    })
    expect(codeOf(() => hide('worker', comment(), '  '))).toBe('DELIBERATION.REASON_REQUIRED')
    expect(codeOf(() => hide('worker', comment(), '理'.repeat(301)))).toBe('DELIBERATION.REASON_REQUIRED')
    // Hiding again needs no reason and changes nothing.
    expect(hide('admin', hidden, '')).toEqual({ same: hidden })
    expect('next' in hide('admin', comment({ parentId: 'cm0' }))).toBe(true)
    expect(hide('admin', comment())).toMatchObject({ next: { hidden: { byName: '社区管理员 刘**' } } })
  })
})

describe('what each party sees of a comment, and its buttons (from the machine)', () => {
  // Written by hand: [sees the text, can reply, can hide] on a confirmed topic. (Another grid's
  // people are never answered a comment: comment.list refuses them; the view still hides the text.)
  const expected: Record<Who, { visible: [boolean, boolean, boolean]; hidden: [boolean, boolean, boolean] }> =
    {
      author: { visible: [true, true, false], hidden: [true, false, false] },
      neighbour: { visible: [true, true, false], hidden: [false, false, false] },
      worker: { visible: [true, true, true], hidden: [true, false, false] },
      admin: { visible: [true, true, true], hidden: [true, false, false] },
      otherResident: { visible: [true, false, false], hidden: [false, false, false] },
      otherWorker: { visible: [true, false, false], hidden: [false, false, false] },
      council: { visible: [true, true, false], hidden: [false, false, false] },
      otherCouncil: { visible: [true, false, false], hidden: [false, false, false] },
    }
  it.each(Object.entries(expected))('%s', (who, want) => {
    for (const [state, c] of [
      ['visible', comment()],
      ['hidden', hidden],
    ] as const) {
      const v = commentView(people[who as Who]!, topic(), c)
      expect([v.text !== null, v.can.reply, v.can.hide]).toEqual(want[state])
      expect(v.hidden).toEqual(
        state === 'hidden' ? { byName: '网格员 刘**', reason: '含有他人电话', at: T0.toISOString() } : null,
      )
      expect(v.mine).toBe(who === 'author')
    }
  })

  it('a reply offers no reply; a closed topic offers no reply but still the hiding', () => {
    const reply = commentView(people.neighbour!, topic(), comment({ parentId: 'cm0' }))
    expect(reply.can).toEqual({ reply: false, hide: false })
    expect(commentView(people.worker!, topic('rejected'), comment()).can).toEqual({
      reply: false,
      hide: true,
    })
    expect(commentView(people.worker!, topic(later[1]), comment()).can).toEqual({ reply: true, hide: true })
  })
})

describe('the comment machine', () => {
  it('is data: hide once, by staff; reply only from visible', () => {
    expect(commentMachine.defined).toBe(true)
    expect(commentMachine.target('visible', 'hide', 'staff')).toBe('hidden')
    expect(commentMachine.target('hidden', 'hide', 'staff')).toBeNull()
    expect(commentMachine.target('visible', 'hide', ['member', 'author'])).toBeNull()
    expect(commentMachine.target('visible', 'reply', 'member')).toBe('visible')
    expect(commentMachine.target('hidden', 'reply', ['member', 'staff'])).toBeNull()
  })
})

it('closes comments only in the closed statuses', () => {
  for (const s of closed) expect(post('neighbour', s)).toBe('DELIBERATION.COMMENTS_CLOSED')
})
