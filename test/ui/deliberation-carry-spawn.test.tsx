// 民办 spawns its work on the topic page, against scripted answers of the api function: the 公示's
// 发布志愿活动 for a community admin, and the photos of the work (shown to all, added and removed by staff).
import { act, render, screen } from '@testing-library/react'
import type { TopicDetail } from '../../src/core/deliberation/api'
import type { WorkView } from '../../src/core/deliberation/carry-api'
import TopicPage from '../../src/features/deliberation/pages/topic/index'
import { navigateTo, resetTaroMock, router, showToast } from '../support/taro-mock'
import { api, button, buttons, fail, inputs, tap } from '../support/ui-script'
import { photoMocks } from './upload-mock'
import { noMoves, topicDetail } from './deliberation-fixtures'

jest.mock('../../src/services/upload', () =>
  jest.requireActual<typeof import('./upload-mock')>('./upload-mock').uploadMock(),
)
const { pick, compress, upload, urls } = photoMocks()

const SHOWN = 'cloud://env/topics/u-me/tp1/work/1.jpg'
const work = (photos: readonly string[]): WorkView => ({
  plan: '清理楼道杂物',
  responsible: '张网格',
  items: [
    { kind: 'activity', id: 'ac1', title: '楼道清理', state: '未开始或进行中', done: false, counted: true },
  ],
  done: 0,
  total: 1,
  percent: 0,
  photos,
})
const doing = (can: Partial<TopicDetail['can']>, photos: readonly string[] = [SHOWN]) =>
  topicDetail({ status: 'doing', statusLabel: '实施中', work: work(photos), can: { ...noMoves, ...can } })
const quiet = {
  'comment.list': { items: [], cursor: null, canPost: false },
  'meeting.list': { items: [], canSchedule: false },
}
const open = async (t: TopicDetail, more: Record<string, unknown> = {}) => {
  api({ ...quiet, 'topic.get': t, ...more })
  await act(async () => {
    render(<TopicPage />)
  })
}

beforeEach(() => {
  resetTaroMock()
  router.params = { id: 'tp1' }
  urls.mockImplementation(async (ids) =>
    Object.fromEntries(ids.map((id) => [id, `https://tmp/${id.slice(-5)}`])),
  )
})

describe('the 公示 of a topic being carried out', () => {
  it('a resident sees the photos of the work, and neither 发布志愿活动 nor 添加实施照片', async () => {
    await open(doing({}))
    expect(screen.getByLabelText('实施照片 1')).toBeTruthy()
    expect(buttons('发布志愿活动')).toHaveLength(0)
    expect(buttons('添加实施照片')).toHaveLength(0)
    expect(buttons('删除第1张')).toHaveLength(0)
  })

  it('a community admin opens the publish page for the topic, its title to start from', async () => {
    await open(doing({ publishActivity: true }))
    await tap(button('发布志愿活动'))
    expect(navigateTo).toHaveBeenCalledWith({
      url:
        '/features/activities/pages/publish/index?communityId=c1&topicId=tp1' +
        `&title=${encodeURIComponent('在3号楼旁安装充电桩')}`,
    })
  })

  it('staff add photos: uploaded to their own folder at a free number, then sent once', async () => {
    pick.mockResolvedValue([{ path: 'blob:a', size: 1000 }])
    compress.mockResolvedValue({ path: 'blob:a-small', size: 500 })
    upload.mockResolvedValue('cloud://env/topics/u-me/tp1/work/2.jpg')
    const after = doing({ workPhotos: true }, [SHOWN, 'cloud://env/topics/u-me/tp1/work/2.jpg'])
    await open(doing({ workPhotos: true }), { 'topic.workPhotos': after })
    await tap(button('添加实施照片'))
    await tap(button('上传照片'))
    expect(screen.getByText('请先选择照片')).toBeTruthy()
    await tap(button('添加照片'))
    expect(pick).toHaveBeenCalledWith(8)
    await tap(button('上传照片'))
    expect(upload).toHaveBeenCalledWith('blob:a-small', 'topics/u-me/tp1/work/2.jpg')
    expect(inputs('topic.workPhotos')).toEqual([
      { topicId: 'tp1', add: ['cloud://env/topics/u-me/tp1/work/2.jpg'] },
    ])
    expect(showToast).toHaveBeenCalledWith({ title: '照片已添加', icon: 'success' })
    expect(await screen.findByLabelText('实施照片 2')).toBeTruthy()
  })

  it('staff remove a photo; a refusal is said in words', async () => {
    let n = 0
    await open(doing({ workPhotos: true }), {
      'topic.workPhotos': () =>
        n++ === 0 ? fail('DELIBERATION.WORK_PHOTOS_STEP') : doing({ workPhotos: true }, []),
    })
    await tap(button('删除第1张'))
    expect(screen.getByText('议题实施中或评价中才能更改实施照片')).toBeTruthy()
    await tap(button('删除第1张'))
    expect(inputs('topic.workPhotos')).toEqual([
      { topicId: 'tp1', remove: [SHOWN] },
      { topicId: 'tp1', remove: [SHOWN] },
    ])
    expect(screen.queryByLabelText('实施照片 1')).toBeNull()
  })

  it('a 10th photo is refused with the rule', async () => {
    pick.mockResolvedValue([{ path: 'blob:b', size: 1000 }])
    compress.mockResolvedValue({ path: 'blob:b-small', size: 500 })
    upload.mockResolvedValue('cloud://env/topics/u-me/tp1/work/2.jpg')
    await open(doing({ workPhotos: true }), { 'topic.workPhotos': fail('DELIBERATION.TOO_MANY_PHOTOS') })
    await tap(button('添加实施照片'))
    await tap(button('添加照片'))
    await tap(button('上传照片'))
    expect(screen.getByText('照片最多 9 张')).toBeTruthy()
  })
})
