// A topic's meeting (议事会) against scripted answers of the api function: the meeting page for the
// organiser (close with the minutes form, cancel with a reason) and for a resident, and the topic
// page's 议事会 list with 安排议事会.
import { act, render, screen } from '@testing-library/react'
import type { MeetingList, MeetingView } from '../../src/core/deliberation/meeting-api'
import type { TopicDetail } from '../../src/core/deliberation/api'
import MeetingPage from '../../src/features/deliberation/pages/meeting/index'
import TopicPage from '../../src/features/deliberation/pages/topic/index'
import { navigateTo, resetTaroMock, router, showToast } from '../support/taro-mock'
import { api, button, buttons, fail, inputs, tap, type } from '../support/ui-script'
import { photoMocks } from './upload-mock'
import { topicDetail } from './deliberation-fixtures'

jest.mock('../../src/services/upload', () =>
  jest.requireActual<typeof import('./upload-mock')>('./upload-mock').uploadMock(),
)
const { pick, compress, upload } = photoMocks()

beforeEach(() => {
  resetTaroMock()
  jest.clearAllMocks()
})

const meeting = (over: Partial<MeetingView> = {}): MeetingView => ({
  id: 'mt1',
  topicId: 'tp1',
  title: '在3号楼旁安装充电桩',
  place: '社区党群服务中心二楼',
  startsAt: '2026-12-10T11:00:00.000Z',
  status: 'scheduled',
  statusLabel: '待召开',
  organiserName: '李志强',
  minutes: null,
  attendance: null,
  photos: [],
  options: [],
  reason: null,
  closedAt: null,
  can: { moves: ['close', 'cancel'], photos: true },
  me: 'u-worker',
  ...over,
})
const held = meeting({
  status: 'held',
  statusLabel: '已召开',
  minutes: '与会居民同意在3号楼东侧安装充电桩。',
  attendance: { households: 12, people: 15 },
  options: ['3号楼东侧', '小区北门'],
  can: { moves: [], photos: true },
})
const textarea = 'taro-textarea-core'

describe('议事会 (the organiser)', () => {
  it('shows time, place and status; closes with the minutes form: checked on the phone, photos uploaded first', async () => {
    router.params = { id: 'mt1' }
    pick.mockResolvedValue([{ path: 'blob:a', size: 1000 }])
    compress.mockResolvedValue({ path: 'blob:a-small', size: 500 })
    upload.mockResolvedValue('cloud://env/meetings/u-worker/mt1/1.jpg')
    api({ 'meeting.get': meeting(), 'meeting.close': held })
    await act(async () => {
      render(<MeetingPage />)
    })
    expect(screen.getByText('在3号楼旁安装充电桩')).toBeTruthy()
    expect(screen.getByText('地点：社区党群服务中心二楼')).toBeTruthy()
    expect(screen.getByText('待召开')).toBeTruthy()
    expect(screen.getByText(/时间：/)).toBeTruthy()
    await tap(button('关闭会议'))
    // One primary action on the form; the page's other buttons are gone.
    expect(buttons('取消会议')).toHaveLength(0)
    await tap(button('提交纪要，关闭会议'))
    expect(screen.getByText('请填写会议纪要')).toBeTruthy()
    await type('会议纪要', '与会居民同意在3号楼东侧安装充电桩。', textarea)
    await type('参会户数', '12')
    await type('参会人数', '10')
    await tap(button('提交纪要，关闭会议'))
    expect(screen.getByText('参会户数不能多于人数')).toBeTruthy()
    await type('参会人数', '15')
    await tap(button('添加选项'))
    await tap(button('添加选项'))
    await type('选项1', '3号楼东侧')
    await type('选项2', '小区北门')
    await tap(button('添加照片'))
    expect(screen.getByText(/已选 1 张/)).toBeTruthy()
    expect(inputs('meeting.close')).toEqual([])
    await tap(button('提交纪要，关闭会议'))
    expect(upload).toHaveBeenCalledWith('blob:a-small', 'meetings/u-worker/mt1/1.jpg')
    expect(inputs('meeting.close')).toEqual([
      {
        meetingId: 'mt1',
        minutes: '与会居民同意在3号楼东侧安装充电桩。',
        households: 12,
        people: 15,
        photos: ['cloud://env/meetings/u-worker/mt1/1.jpg'],
        options: ['3号楼东侧', '小区北门'],
      },
    ])
    expect(screen.getByText('已召开')).toBeTruthy()
    expect(screen.getByText('参会 12 户、15 人')).toBeTruthy()
    expect(showToast).toHaveBeenCalledWith({ title: '纪要已提交', icon: 'success' })
  })

  it('a council member closes without photos (staff upload them: there is no image check)', async () => {
    router.params = { id: 'mt1' }
    api({
      'meeting.get': meeting({ can: { moves: ['close'], photos: false }, me: 'u-council' }),
      'meeting.close': held,
    })
    await act(async () => {
      render(<MeetingPage />)
    })
    await tap(button('关闭会议'))
    expect(buttons('添加照片')).toHaveLength(0)
    expect(screen.getByText('会议照片由本网格工作人员上传。')).toBeTruthy()
    await type('会议纪要', '同意东侧', textarea)
    await type('参会户数', '5')
    await type('参会人数', '6')
    await tap(button('提交纪要，关闭会议'))
    expect(inputs('meeting.close')).toEqual([
      { meetingId: 'mt1', minutes: '同意东侧', households: 5, people: 6, photos: [], options: [] },
    ])
  })

  it('says what the function refused, in words', async () => {
    router.params = { id: 'mt1' }
    api({ 'meeting.get': meeting(), 'meeting.close': fail('DELIBERATION.MINUTES_TOO_LONG') })
    await act(async () => {
      render(<MeetingPage />)
    })
    await tap(button('关闭会议'))
    await type('会议纪要', '纪要', textarea)
    await type('参会户数', '1')
    await type('参会人数', '1')
    await tap(button('提交纪要，关闭会议'))
    expect(screen.getByText('会议纪要不超过 2000 字')).toBeTruthy()
  })

  it('before the start only 取消会议, which needs a reason told to the residents', async () => {
    router.params = { id: 'mt1' }
    api({
      'meeting.get': meeting({ can: { moves: ['cancel'], photos: true } }),
      'meeting.cancel': (input: Record<string, unknown>) =>
        meeting({
          status: 'cancelled',
          statusLabel: '已取消',
          reason: String(input.reason),
          can: { moves: [], photos: true },
        }),
    })
    await act(async () => {
      render(<MeetingPage />)
    })
    expect(buttons('关闭会议')).toHaveLength(0)
    expect(screen.getByText('会议开始后可以填写纪要、关闭会议。')).toBeTruthy()
    await tap(button('取消会议'))
    await tap(button('确定取消会议'))
    expect(screen.getByText('请写明取消的原因（会告知居民）')).toBeTruthy()
    expect(inputs('meeting.cancel')).toEqual([])
    await type('取消的原因', '暴雨预警，改期', textarea)
    await tap(button('确定取消会议'))
    expect(inputs('meeting.cancel')).toEqual([{ meetingId: 'mt1', reason: '暴雨预警，改期' }])
    expect(screen.getByText('已取消')).toBeTruthy()
    expect(screen.getByText('取消原因：暴雨预警，改期')).toBeTruthy()
    expect(buttons('取消会议')).toHaveLength(0)
  })
})

describe('议事会 (a resident)', () => {
  it('reads the minutes, the attendance and the options; no buttons but 查看议题', async () => {
    router.params = { id: 'mt1' }
    api({ 'meeting.get': held })
    await act(async () => {
      render(<MeetingPage />)
    })
    expect(screen.getByText('与会居民同意在3号楼东侧安装充电桩。')).toBeTruthy()
    expect(screen.getByText('参会 12 户、15 人')).toBeTruthy()
    expect(screen.getByText('1. 3号楼东侧')).toBeTruthy()
    expect(buttons('关闭会议')).toHaveLength(0)
    expect(buttons('取消会议')).toHaveLength(0)
    await tap(button('查看议题'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/topic/index?id=tp1' })
  })
})

describe('议题详情: 议事会', () => {
  const topic: TopicDetail = topicDetail({ status: 'confirmed', statusLabel: '已立项', supports: 5 })
  const list = (over: Partial<MeetingList> = {}): MeetingList => ({
    items: [
      {
        id: 'mt1',
        topicId: 'tp1',
        title: '在3号楼旁安装充电桩',
        place: '社区党群服务中心二楼',
        startsAt: '2026-12-10T11:00:00.000Z',
        status: 'held',
        statusLabel: '已召开',
        options: ['3号楼东侧', '5号楼北侧'],
      },
    ],
    canSchedule: false,
    ...over,
  })

  it('lists the topic’s meetings as cells that open the meeting', async () => {
    router.params = { id: 'tp1' }
    api({ 'topic.get': topic, 'meeting.list': list() })
    await act(async () => {
      render(<TopicPage />)
    })
    expect(inputs('meeting.list')).toEqual([{ topicId: 'tp1' }])
    expect(screen.getByText('社区党群服务中心二楼')).toBeTruthy()
    expect(buttons('安排议事会')).toHaveLength(0)
    const cell = [...document.querySelectorAll('[aria-role="link"]')].find((el) =>
      el.textContent?.includes('已召开'),
    )
    if (!cell) throw new Error('no meeting cell')
    await tap(cell)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/meeting/index?id=mt1' })
  })

  it('staff schedule one: a place, tomorrow 19:00 by default; the meeting opens', async () => {
    router.params = { id: 'tp1' }
    api({
      'topic.get': topic,
      'meeting.list': list({ items: [], canSchedule: true }),
      'meeting.schedule': meeting(),
    })
    await act(async () => {
      render(<TopicPage />)
    })
    await tap(button('安排议事会'))
    await tap(button('安排并通知居民'))
    expect(screen.getByText('请填写会议地点')).toBeTruthy()
    await type('会议地点', '社区党群服务中心二楼')
    await tap(button('安排并通知居民'))
    const [sent] = inputs('meeting.schedule')
    expect(sent).toMatchObject({
      topicId: 'tp1',
      place: '社区党群服务中心二楼',
      requestId: expect.any(String),
    })
    // 19:00 China time is 11:00 UTC.
    expect(String(sent?.startsAt)).toMatch(/T11:00:00\.000Z$/)
    expect(Date.parse(String(sent?.startsAt)) - Date.now()).toBeGreaterThan(0)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/meeting/index?id=mt1' })
    expect(showToast).toHaveBeenCalledWith({ title: '已安排', icon: 'success' })
  })
})
