// 民议 (the topic page's comments) against scripted answers of the api function.
import { act, render, screen } from '@testing-library/react'
import type { CommentPage, CommentThread, CommentView } from '../../src/core/deliberation/comments-api'
import { Comments } from '../../src/features/deliberation/components/Comments'
import TopicPage from '../../src/features/deliberation/pages/topic/index'
import { resetTaroMock, router, showToast } from '../support/taro-mock'
import { api, button, buttons, fail, inputs, tap, type } from '../support/ui-script'

beforeEach(() => resetTaroMock())

const at = '2026-12-07T02:00:00.000Z'
const view = (over: Partial<CommentView> = {}): CommentView => ({
  id: 'cm1',
  parentId: null,
  authorShown: '王**',
  authorRole: null,
  text: '东门外人行道太窄',
  mine: false,
  createdAt: at,
  hidden: null,
  can: { reply: true, hide: false },
  ...over,
})
const thread = (over: Partial<CommentThread> = {}): CommentThread => ({ ...view(), replies: [], ...over })
const page = (items: CommentThread[], canPost = true): CommentPage => ({
  topicId: 'tp1',
  canPost,
  items,
  cursor: null,
})
const hiddenBy = { byName: '网格员 刘**', reason: '含有他人电话', at }

const show = async () => {
  await act(async () => {
    render(<Comments topicId="tp1" />)
  })
}

describe('民议: reading', () => {
  it('threads with replies; staff answers carry their role; a hidden comment reads 已隐藏 and its reason, no text', async () => {
    api({
      'comment.list': page([
        thread({
          replies: [
            view({
              id: 'cm2',
              parentId: 'cm1',
              authorShown: '刘**',
              authorRole: '网格员',
              text: '周五去现场',
              can: { reply: false, hide: false },
            }),
          ],
        }),
        thread({
          id: 'cm3',
          authorShown: '陈**',
          text: null,
          hidden: hiddenBy,
          can: { reply: false, hide: false },
        }),
      ]),
    })
    await show()
    expect(inputs('comment.list')).toEqual([{ topicId: 'tp1' }])
    expect(screen.getByText('东门外人行道太窄')).toBeTruthy()
    expect(screen.getByText('周五去现场')).toBeTruthy()
    expect(screen.getByText(/^网格员 刘\*\* · /)).toBeTruthy()
    expect(screen.getByText('已隐藏：含有他人电话')).toBeTruthy()
    // Only the visible top-level comment offers a reply.
    expect(buttons('回复')).toHaveLength(1)
    expect(buttons('隐藏')).toHaveLength(0)
    expect(document.querySelector('[aria-label="陈**的评论"]')).toBeTruthy()
    expect(document.querySelector('[aria-label="网格员刘**的回复"]')).toBeTruthy()
  })

  it('the author sees their hidden comment’s text, marked', async () => {
    api({
      'comment.list': page([
        thread({ mine: true, text: '隔壁电话 139…', hidden: hiddenBy, can: { reply: false, hide: false } }),
      ]),
    })
    await show()
    expect(screen.getByText('已隐藏：含有他人电话（仅作者和工作人员可见原文）')).toBeTruthy()
    expect(screen.getByText('隔壁电话 139…')).toBeTruthy()
  })

  it('a closed discussion offers no text area; an empty one invites the first comment', async () => {
    api({ 'comment.list': page([], false) })
    await show()
    expect(screen.getByText('讨论已关闭')).toBeTruthy()
    expect(buttons('发表')).toHaveLength(0)
    expect(screen.getByText('还没有评论，欢迎说说您的看法')).toBeTruthy()
  })

  it('is part of the topic page', async () => {
    router.params = { id: 'tp1' }
    api({
      'topic.get': {
        id: 'tp1',
        title: '增设充电桩',
        status: 'confirmed',
        statusLabel: '已立项',
        placeName: '第1网格',
        supports: 5,
        threshold: 5,
        createdAt: at,
        gridId: 'g1',
        text: '飞线充电太危险',
        proposerShown: '王**',
        households: 48,
        reason: null,
        decision: null,
        supported: true,
        vote: null,
        myBallot: null,
        result: null,
        timeline: [],
        can: { moves: [], support: false, vote: false, enter: false },
      },
      'comment.list': page([thread()]),
    })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(inputs('comment.list')).toEqual([{ topicId: 'tp1' }])
    expect(screen.getByText('东门外人行道太窄')).toBeTruthy()
  })
})

describe('民议: writing', () => {
  it('asks for a text first, then posts once per draft and reloads', async () => {
    api({ 'comment.list': page([thread()]), 'comment.post': view({ id: 'cm9', text: '同意' }) })
    await show()
    await tap(button('发表'))
    expect(screen.getByText('请先写下您的看法')).toBeTruthy()
    expect(inputs('comment.post')).toEqual([])
    await type('评论内容', '  同意  ', 'taro-textarea-core')
    await tap(button('发表'))
    expect(inputs('comment.post')).toEqual([{ topicId: 'tp1', text: '同意', requestId: expect.any(String) }])
    expect(showToast).toHaveBeenCalledWith({ title: '已发表', icon: 'success' })
    expect(inputs('comment.list')).toHaveLength(2)
  })

  it('replies to a top-level comment; a refusal is said in words and the retry keeps its request id', async () => {
    let first = true
    api({
      'comment.list': page([thread()]),
      'comment.post': () =>
        first ? ((first = false), fail('CONTENT.RISKY')) : view({ id: 'cm9', parentId: 'cm1' }),
    })
    await show()
    await tap(button('回复'))
    expect(screen.getByText('回复 王**')).toBeTruthy()
    await type('评论内容', '可以划线', 'taro-textarea-core')
    await tap(button('发表'))
    expect(screen.getByText('内容含有不当信息，请修改后再提交')).toBeTruthy()
    await tap(button('发表'))
    const [a, b] = inputs('comment.post')
    expect(a).toEqual({ topicId: 'tp1', text: '可以划线', parentId: 'cm1', requestId: expect.any(String) })
    expect(b!.requestId).toBe(a!.requestId)
    expect(screen.queryByText('回复 王**')).toBeNull()
  })
})

describe('民议: staff hide a comment', () => {
  it('隐藏 opens a reason field; a reason is required; then the comment is hidden', async () => {
    api({
      'comment.list': page([thread({ can: { reply: true, hide: true } })]),
      'comment.hide': view({ hidden: hiddenBy, can: { reply: false, hide: false } }),
    })
    await show()
    await tap(button('隐藏'))
    await tap(button('确定隐藏'))
    expect(screen.getByText('请写明隐藏的理由（居民会看到）')).toBeTruthy()
    expect(inputs('comment.hide')).toEqual([])
    await type('隐藏的理由', '含有他人电话', 'taro-textarea-core')
    await tap(button('确定隐藏'))
    expect(inputs('comment.hide')).toEqual([{ commentId: 'cm1', reason: '含有他人电话' }])
    expect(showToast).toHaveBeenCalledWith({ title: '已隐藏', icon: 'success' })
    expect(buttons('确定隐藏')).toHaveLength(0)
  })

  it('返回 closes the reason field without hiding', async () => {
    api({ 'comment.list': page([thread({ can: { reply: true, hide: true } })]) })
    await show()
    await tap(button('隐藏'))
    await tap(button('返回'))
    expect(buttons('确定隐藏')).toHaveLength(0)
    expect(inputs('comment.hide')).toEqual([])
  })
})
