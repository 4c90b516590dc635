/**
 * Comments on a topic (民议) through the built `api` function in the local CloudBase (real SDKs):
 * posting and replying one level deep, retries stored once, content security, another grid kept
 * out, staff hiding with a reason (others see 已隐藏, the author and staff the text), and erasure.
 */
import { ERASED_NAME } from '../../src/core/me/erase'
import { codeOf, ok, requestIds, useApi } from '../support/api-test'
import {
  CHEN,
  dongshanResident,
  LI,
  WANG,
  XINHUA_01,
  XINHUA_01_WORKER as WORKER,
  XINHUA_02_WORKER,
  XINHUA_ADMIN,
} from '../support/demo-people'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { call, db, docOf, count } = useApi()
const rid = requestIds('cmt')
const OUTSIDER = 'openid-comments-dongshan'

const propose = async (openid: string, title: string) =>
  ok(await call(openid, 'topic.propose', { requestId: rid(), title, text: '请大家一起商量' }))
const post = (openid: string, topicId: string, text: string, parentId?: string, requestId = rid()) =>
  call(openid, 'comment.post', { topicId, text, requestId, ...(parentId ? { parentId } : {}) })
const list = (openid: string, topicId: string, cursor?: string) =>
  call(openid, 'comment.list', { topicId, ...(cursor ? { cursor } : {}) })
const commentsOf = (topicId: string) => count('topic_comments', { topicId })

let topicId = ''
beforeAll(async () => {
  await db()
    .collection('users')
    .add(dongshanResident('user-comments-dongshan', OUTSIDER, 'hh-comments-dongshan'))
  topicId = (await propose(WANG, '小区东门增设非机动车停放区')).id
})

describe('民议: comments and replies, one level', () => {
  it('a resident comments, a neighbour and the grid worker reply; a reply to a reply is refused', async () => {
    const first = ok(await post(WANG, topicId, '  东门外人行道太窄，车乱停  '))
    expect(first).toMatchObject({
      parentId: null,
      authorShown: '王**',
      authorRole: null,
      text: '东门外人行道太窄，车乱停',
      mine: true,
      hidden: null,
      can: { reply: true, hide: false },
    })
    const reply = ok(await post(LI, topicId, '同意，可以划线', first.id))
    expect(reply).toMatchObject({ parentId: first.id, authorShown: '李**', can: { reply: false } })
    const staff = ok(await post(WORKER, topicId, '我们周五去现场量一下', first.id))
    expect(staff).toMatchObject({ authorRole: '网格员', can: { reply: false, hide: true } })
    const before = await commentsOf(topicId)
    expect(codeOf(await post(CHEN, topicId, '回复的回复', reply.id))).toBe('DELIBERATION.REPLY_DEPTH')
    expect(await commentsOf(topicId)).toBe(before)

    const page = ok(await list(CHEN, topicId))
    expect(page.canPost).toBe(true)
    const thread = page.items.find((c: Any) => c.id === first.id)
    expect(thread.replies.map((r: Any) => r.text)).toEqual(['同意，可以划线', '我们周五去现场量一下'])
    expect(thread.mine).toBe(false)
    // Stored with an opaque id and the masked name only.
    const stored = await docOf('topic_comments', first.id)
    expect(stored).toMatchObject({ authorId: 'user-resident-wang', authorShown: '王**', hidden: null })
    expect(first.id).not.toMatch(/wang|tp_/)
    expect(JSON.stringify(stored)).not.toContain('王秀英')
  })

  it('the same requestId twice (and at once) stores one comment and answers it again', async () => {
    const requestId = rid()
    const both = await Promise.all([1, 2].map(() => post(LI, topicId, '支持', undefined, requestId)))
    const again = ok(await post(LI, topicId, '支持', undefined, requestId))
    const ids = new Set([...both.map((r) => ok(r).id), again.id])
    expect(ids.size).toBe(1)
    expect(again.retried).toBe(true)
    expect(await count('topic_comments', { authorId: 'user-resident-li', requestId })).toBe(1)
  })

  it.each([
    ['an empty text', { text: '   ' }, 'DELIBERATION.COMMENT_TEXT'],
    ['501 characters', { text: '议'.repeat(501) }, 'DELIBERATION.COMMENT_TEXT'],
    ['a text over the schema', { text: '议'.repeat(2001) }, 'INPUT.INVALID'],
    ['no request id', { requestId: undefined }, 'INPUT.INVALID'],
    ['an unknown field', { topicId: 'x', extra: 1 }, 'INPUT.INVALID'],
    ['a risky text', { text: '欢迎访问赌博网站' }, 'CONTENT.RISKY'],
    ['a parent that does not exist', { parentId: 'cm_nope' }, 'DATA.NOT_FOUND'],
  ])('refuses %s and stores nothing', async (_n, fields, code) => {
    const before = await count('topic_comments', { authorId: 'user-resident-chen' })
    const input: Record<string, unknown> = { topicId, text: '好', requestId: rid(), ...fields }
    for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k]
    expect(codeOf(await call(CHEN, 'comment.post', input))).toBe(code)
    expect(await count('topic_comments', { authorId: 'user-resident-chen' })).toBe(before)
  })

  it('another grid neither reads nor writes; a rejected topic takes no more comments', async () => {
    for (const who of [OUTSIDER, XINHUA_02_WORKER]) {
      expect(codeOf(await list(who, topicId))).toBe('DATA.NOT_FOUND')
      expect(codeOf(await post(who, topicId, '路过'))).toBe('DATA.NOT_FOUND')
    }
    const t = await propose(CHEN, '把绿地改成停车位')
    const c = ok(await post(LI, t.id, '不同意'))
    // As if staff had rejected it (the demo grid's few households put a topic on the agenda at once).
    await db().collection('topics').doc(t.id).update({ status: 'rejected' })
    expect(codeOf(await post(LI, t.id, '还想说一句'))).toBe('DELIBERATION.COMMENTS_CLOSED')
    expect(codeOf(await post(WORKER, t.id, '已答复', c.id))).toBe('DELIBERATION.COMMENTS_CLOSED')
    const page = ok(await list(LI, t.id))
    expect(page.canPost).toBe(false)
    expect(page.items[0].can.reply).toBe(false)
  })

  it('pages top-level comments 20 at a time, newest first', async () => {
    const t = await propose(LI, '楼道堆物清理')
    for (let i = 0; i < 21; i += 1) ok(await post(CHEN, t.id, `第${i + 1}条`))
    const one = ok(await list(WANG, t.id))
    expect(one.items).toHaveLength(20)
    expect(one.items[0].text).toBe('第21条')
    expect(one.cursor).toBeTruthy()
    const two = ok(await list(WANG, t.id, one.cursor))
    expect(two.items.map((c: Any) => c.text)).toEqual(['第1条'])
    expect(two.cursor).toBeNull()
  })
})

describe('staff hide a comment with a reason', () => {
  it('a resident cannot hide; staff of another grid cannot; a reason is required and content-checked', async () => {
    const c = ok(await post(CHEN, topicId, '楼下张三电话 13800000000 大家找他'))
    expect(codeOf(await call(LI, 'comment.hide', { commentId: c.id, reason: '不好' }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await call(XINHUA_02_WORKER, 'comment.hide', { commentId: c.id, reason: '含电话' }))).toBe(
      'DATA.NOT_FOUND',
    )
    expect(codeOf(await call(WORKER, 'comment.hide', { commentId: c.id, reason: '  ' }))).toBe(
      'DELIBERATION.REASON_REQUIRED',
    )
    expect(codeOf(await call(WORKER, 'comment.hide', { commentId: c.id, reason: '赌博' }))).toBe(
      'CONTENT.RISKY',
    )
    expect(codeOf(await call(WORKER, 'comment.hide', { commentId: 'cm_nope', reason: '含电话' }))).toBe(
      'DATA.NOT_FOUND',
    )
    expect(await docOf('topic_comments', c.id)).toMatchObject({ hidden: null, version: 1 })
  })

  it('others see 已隐藏 and the reason; the author and staff the text; twice changes nothing; replies stay', async () => {
    const c = ok(await post(CHEN, topicId, '隔壁那家人素质太差，电话 13900000000'))
    const r = ok(await post(LI, topicId, '大家文明讨论', c.id))
    const hidden = ok(await call(WORKER, 'comment.hide', { commentId: c.id, reason: '含有他人电话' }))
    expect(hidden).toMatchObject({
      text: '隔壁那家人素质太差，电话 13900000000',
      hidden: { reason: '含有他人电话', byName: '网格员 刘**' },
      can: { reply: false, hide: false },
    })
    const stored = await docOf('topic_comments', c.id)
    expect(stored.hidden).toMatchObject({ by: 'user-xinhua-01-worker', reason: '含有他人电话' })
    expect(stored.version).toBe(2)

    const seen = async (openid: string) =>
      (ok(await list(openid, topicId)).items as Any[]).find((x) => x.id === c.id)
    const neighbour = await seen(WANG)
    expect(neighbour).toMatchObject({ text: null, hidden: { reason: '含有他人电话' } })
    expect(JSON.stringify(neighbour)).not.toContain('13900000000')
    expect(neighbour.replies.map((x: Any) => x.text)).toEqual(['大家文明讨论'])
    expect((await seen(CHEN)).text).toBe('隔壁那家人素质太差，电话 13900000000')
    expect((await seen(XINHUA_ADMIN)).text).toBe('隔壁那家人素质太差，电话 13900000000')
    // Another grid never reads it.
    expect(codeOf(await list(OUTSIDER, topicId))).toBe('DATA.NOT_FOUND')

    const twice = ok(await call(XINHUA_ADMIN, 'comment.hide', { commentId: c.id, reason: '重复隐藏' }))
    expect(twice.hidden.reason).toBe('含有他人电话')
    expect(await docOf('topic_comments', c.id)).toEqual(stored)
    expect(codeOf(await post(WANG, topicId, '回复被隐藏的评论', c.id))).toBe('DELIBERATION.COMMENT_HIDDEN')
    // A reply may be hidden on its own.
    ok(await call(WORKER, 'comment.hide', { commentId: r.id, reason: '测试' }))
    expect((await seen(WANG)).replies[0]).toMatchObject({ text: null, hidden: { reason: '测试' } })
  })
})

describe('erasure (me.delete)', () => {
  it('the author’s shown name becomes the placeholder; the text stays', async () => {
    const householdId = 'hh-comments-erase'
    const scope = { ...XINHUA_01, buildingId: 'bd-xinhua-01-01', unitId: 'bd-xinhua-01-01-u1', householdId }
    await db()
      .collection('users')
      .add({
        _id: 'user-comments-erase',
        openid: 'openid-comments-erase',
        displayName: '孙晓东',
        realName: '孙晓东',
        householdId,
        grants: [{ role: 'resident', scope }],
        createdAt: new Date(),
      })
    const c = ok(await post('openid-comments-erase', topicId, '我家愿意出力'))
    expect(c.authorShown).toBe('孙**')
    ok(await call('openid-comments-erase', 'me.delete', { confirm: true }))
    expect(await docOf('topic_comments', c.id)).toMatchObject({
      authorShown: ERASED_NAME,
      text: '我家愿意出力',
    })
  })

  it('a staff member who hid a comment: their name on the hiding becomes the placeholder', async () => {
    await db()
      .collection('users')
      .add({
        _id: 'user-comments-staff',
        openid: 'openid-comments-staff',
        displayName: '吴志明',
        realName: '吴志明',
        grants: [{ role: 'grid_worker', scope: XINHUA_01 }],
        createdAt: new Date(),
      })
    const c = ok(await post(LI, topicId, '楼下那户天天吵'))
    const h = ok(await call('openid-comments-staff', 'comment.hide', { commentId: c.id, reason: '针对个人' }))
    expect(h.hidden.byName).toBe('网格员 吴**')
    ok(await call('openid-comments-staff', 'me.delete', { confirm: true }))
    expect((await docOf('topic_comments', c.id)).hidden).toMatchObject({
      by: 'user-comments-staff',
      byName: ERASED_NAME,
      reason: '针对个人',
    })
  })
})
