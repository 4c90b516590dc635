// 社区公告 pages against scripted answers of the api function: the list (pinned and important in
// words), the detail (attachments as big buttons; read counts per grid for staff only; the message
// said truthfully) and publishing to some grids.
import { act, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { NoticeCard, NoticeDetail, PublishOptions } from '../../src/core/notices/api'
import type { Profile } from '../../src/core/me/api'
import NoticeDetailPage from '../../src/features/notices/pages/detail/index'
import EditNoticePage from '../../src/features/notices/pages/edit/index'
import NoticesPage from '../../src/features/notices/pages/index/index'
import { redirectTo, resetTaroMock, router, showToast } from '../support/taro-mock'
import { householdSummary } from '../support/ui-fixtures'
import { api, button, buttons, fail, inputs, tap, type } from '../support/ui-script'
import { requestSubscription } from '../../src/services/subscribe'

jest.mock('../../src/services/subscribe', () => ({ requestSubscription: jest.fn() }))
const subscribe = requestSubscription as jest.MockedFunction<typeof requestSubscription>

Object.assign(Taro, {
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  previewImage: jest.fn(async () => ({})),
})

beforeEach(() => resetTaroMock())

const at = '2026-12-07T02:00:00.000Z'
const card = (over: Partial<NoticeCard> = {}): NoticeCard => ({
  id: 'nt1',
  title: '1号楼停水通知',
  summary: '明天上午停水',
  publisherName: '新华社区居委会',
  scopeLabel: '新华社区第1网格',
  publishAt: at,
  pinned: false,
  important: false,
  attachments: 0,
  state: 'out',
  ...over,
})
const detail = (over: Partial<NoticeDetail> = {}): NoticeDetail => ({
  ...card(),
  level: 'grids',
  streetId: 's',
  communityId: 'c',
  gridIds: ['g1'],
  blocks: [{ kind: 'p', text: '明天上午8点到12点停水，请提前储水。' }],
  files: [{ fileId: 'cloud://env/notices/u/r/a1.pdf', name: '停水范围.pdf', size: 182_400 }],
  status: 'published',
  push: null,
  reads: null,
  can: { edit: false, withdraw: false },
  me: 'u1',
  ...over,
})
const resident: Profile = {
  userId: 'u1',
  displayName: '王秀英',
  roles: [{ role: 'resident', scope: householdSummary().path }],
  household: householdSummary(),
  created: false,
}
const admin: Profile = {
  userId: 'u2',
  displayName: '管理员',
  roles: [{ role: 'community_admin', scope: { streetId: 's', communityId: 'c' } }],
  household: null,
  created: false,
}

const show = async (el: JSX.Element) => {
  await act(async () => {
    render(el)
  })
}

describe('社区公告: the list', () => {
  it('pinned and important say so in words; a resident sees no manage button', async () => {
    api({
      'me.profile': resident,
      'notice.list': {
        items: [card({ id: 'a', pinned: true, important: true, title: '燃气检查' }), card({ id: 'b' })],
        cursor: null,
      },
    })
    await show(<NoticesPage />)
    expect(await screen.findByText('燃气检查')).toBeTruthy()
    expect(screen.getByText('置顶 · 重要')).toBeTruthy()
    expect(buttons('管理和发布公告')).toHaveLength(0)
    await tap(screen.getByText('1号楼停水通知'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/features/notices/pages/detail/index?id=b' })
  })

  it('a resident subscribes to the next important notice, told truthfully either way', async () => {
    api({ 'me.profile': resident, 'notice.list': { items: [], cursor: null } })
    subscribe.mockResolvedValueOnce(['tmpl-notice-published']).mockResolvedValueOnce([])
    await show(<NoticesPage />)
    await tap(await screen.findByText('订阅重要公告提醒'))
    expect(subscribe).toHaveBeenCalledWith(['tmpl-notice-published'])
    expect(showToast).toHaveBeenCalledWith({ title: '已订阅：下一条重要公告将通过微信提醒您', icon: 'none' })
    await tap(button('订阅重要公告提醒'))
    expect(showToast).toHaveBeenCalledWith({ title: '未订阅提醒，您仍可在这里查看公告', icon: 'none' })
  })

  it('an admin who lives nowhere gets the manage button and no resident list', async () => {
    api({ 'me.profile': admin })
    await show(<NoticesPage />)
    expect(button('管理和发布公告')).toBeTruthy()
    expect(inputs('notice.list')).toEqual([])
  })
})

describe('社区公告: the detail', () => {
  it('a resident reads the text and opens the attachment with a big button; no counts', async () => {
    router.params = { id: 'nt1' }
    api({ 'notice.get': detail() })
    await show(<NoticeDetailPage />)
    expect(inputs('notice.get')).toEqual([{ noticeId: 'nt1' }])
    expect(screen.getByText('明天上午8点到12点停水，请提前储水。')).toBeTruthy()
    expect(button('打开附件：停水范围.pdf（178.1 KB）')).toBeTruthy()
    expect(screen.queryByText(/已读/)).toBeNull()
    expect(buttons('撤回公告')).toHaveLength(0)
  })

  it('staff see readers per grid and a message that is only “sent” when it reached someone', async () => {
    router.params = { id: 'nt1' }
    const reads = {
      total: 3,
      grids: [
        { gridId: 'g1', name: '第1网格', reads: 2 },
        { gridId: 'g2', name: '第2网格', reads: 1 },
      ],
    }
    api({
      'notice.get': detail({
        reads,
        push: { state: 'queued', reached: false },
        can: { edit: true, withdraw: true },
      }),
      'notice.withdraw': detail({
        reads,
        status: 'withdrawn',
        state: 'withdrawn',
        push: { state: 'queued', reached: false },
      }),
    })
    await show(<NoticeDetailPage />)
    expect(screen.getByText('已读 3 人')).toBeTruthy()
    expect(screen.getByText('第2网格')).toBeTruthy()
    expect(screen.getByText(/暂无送达记录/)).toBeTruthy()
    expect(screen.queryByText(/已送达/)).toBeNull()
    await tap(button('撤回公告'))
    expect(inputs('notice.withdraw')).toEqual([{ noticeId: 'nt1' }])
    expect(screen.getByText('已撤回，居民看不到')).toBeTruthy()
  })
})

describe('发布公告', () => {
  const options: PublishOptions = {
    streets: [],
    communities: [{ id: 'c', name: '新华社区' }],
    grids: [],
    me: 'u2',
  }
  it('to some grids of the community: the scope, paragraphs and the flags as chosen', async () => {
    router.params = {}
    api({
      'notice.options': (input: Record<string, unknown>) =>
        input.communityId
          ? {
              ...options,
              grids: [
                { id: 'g1', name: '第1网格' },
                { id: 'g2', name: '第2网格' },
              ],
            }
          : options,
      'notice.publish': detail({ id: 'nt9' }),
    })
    await show(<EditNoticePage />)
    await tap(screen.getByText('指定网格'))
    await tap(await screen.findByText('第2网格'))
    await type('标题', '2号楼电梯检修')
    await type('正文', '周六上午检修\n\n请走楼梯', 'taro-textarea-core')
    await tap(screen.getAllByText('是')[0] as Element)
    await tap(button('发布公告'))
    const [sent] = inputs('notice.publish')
    expect(sent).toMatchObject({
      scope: { level: 'grids', communityId: 'c', gridIds: ['g2'] },
      title: '2号楼电梯检修',
      blocks: [
        { kind: 'p', text: '周六上午检修' },
        { kind: 'p', text: '请走楼梯' },
      ],
      attachments: [],
      pinned: true,
      important: false,
    })
    expect(sent).not.toHaveProperty('publishAt')
    expect(redirectTo).toHaveBeenCalledWith({ url: '/features/notices/pages/detail/index?id=nt9' })
  })

  it('a refusal is said in words, and the page stays', async () => {
    router.params = {}
    api({ 'notice.options': options, 'notice.publish': fail('AUTH.FORBIDDEN') })
    await show(<EditNoticePage />)
    await type('标题', '通知')
    await type('正文', '正文', 'taro-textarea-core')
    await tap(button('发布公告'))
    expect(screen.getByText('您没有权限进行此操作')).toBeTruthy()
    expect(redirectTo).not.toHaveBeenCalled()
  })
})
