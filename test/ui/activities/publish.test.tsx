import { render, screen } from '@testing-library/react'
import PublishActivityPage from '../../../src/features/activities/pages/publish/index'
import { publishProblems, freshDraft } from '../../../src/features/activities/form'
import { errorCopy } from '../../../src/services/error-copy'
import { navigateTo, router } from '../../support/taro-mock'
import { api, button, fail, inputs, tap, type } from '../../support/ui-script'
import { detail, ADMIN, profile, radio, fieldError } from './harness'

// The community admin's publish form: field errors, the function's codes under their fields, one request id.

describe('publish form', () => {
  beforeEach(() => {
    router.params = { communityId: 'cm-xinhua' }
  })

  it('shows field errors on the phone, places the function’s code under its field, and publishes once per request id', async () => {
    let publishes = 0
    api({
      'me.profile': profile(ADMIN),
      'activity.publish': (i: Record<string, unknown>) =>
        publishes++ === 0
          ? fail('ACTIVITY.BAD_CAPACITY')
          : publishes === 2
            ? fail('DATA.CONFLICT')
            : detail({ activityId: 'ac_9', title: String(i.title) }),
    })
    render(<PublishActivityPage />)
    await tap(button('发布'))
    expect(fieldError('活动名称')).toBe('请填写活动名称')
    expect(fieldError('服务队')).toBe('请填写或选择服务队')
    expect(fieldError('活动地点')).toBe('请填写活动地点')
    expect(fieldError('名额（人）')).toBeNull()
    expect(inputs('activity.publish')).toHaveLength(0)
    // The message names the fields, and each goes once it is edited.
    expect(screen.getByText('请修改活动名称、服务队、活动地点后再发布')).toBeTruthy()
    expect(screen.queryByText(/请按提示修改/)).toBeNull()
    await type('活动地点', '社区党群服务中心')
    expect(fieldError('活动地点')).toBeNull()
    expect(screen.getByText('请修改活动名称、服务队后再发布')).toBeTruthy()

    await type('活动名称', '重阳节陪老人包饺子')
    await tap(radio('彩虹桥·助老服务队'))
    await type('活动介绍', '一起包饺子', 'taro-textarea-core')
    await type('活动地点', '社区党群服务中心')
    await type('名额（人）', '0')
    await tap(button('发布'))
    expect(fieldError('名额（人）')).toBe(errorCopy('ACTIVITY.BAD_CAPACITY'))
    expect(fieldError('活动名称')).toBeNull()
    await type('志愿时长（小时，选填）', '0.7')
    await type('名额（人）', '30')
    await tap(button('发布'))
    expect(fieldError('志愿时长（小时，选填）')).toBe('时长为 0.5–12 小时，按半小时计')
    expect(inputs('activity.publish')).toHaveLength(0)

    await type('志愿时长（小时，选填）', '1.5')
    await tap(button('发布'))
    await screen.findByText(errorCopy('ACTIVITY.BAD_CAPACITY'))
    expect(fieldError('名额（人）')).toBe(errorCopy('ACTIVITY.BAD_CAPACITY'))
    await tap(button('发布'))
    await screen.findByText(errorCopy('DATA.CONFLICT'))
    await tap(button('发布'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/activities/pages/detail/index?activityId=ac_9',
    })

    const sent = inputs('activity.publish')
    expect(sent).toHaveLength(3)
    expect(sent[1]?.requestId).toBe(sent[0]?.requestId)
    expect(sent[2]).toEqual(sent[1])
    expect(sent[0]).toEqual({
      requestId: expect.stringMatching(/^[0-9a-z]{12,}$/),
      communityId: 'cm-xinhua',
      title: '重阳节陪老人包饺子',
      team: '彩虹桥·助老服务队',
      description: '一起包饺子',
      place: '社区党群服务中心',
      startAt: expect.stringMatching(/T01:00:00\.000Z$/),
      endAt: expect.stringMatching(/T03:00:00\.000Z$/),
      capacity: 30,
      points: 5,
      hours: 1.5,
    })
  })

  it('form rules: time order and the future, whole numbers in range, hours optional', () => {
    const now = new Date('2026-11-21T01:10:00.000Z')
    const d = { ...freshDraft(now), title: '包饺子', team: '彩虹桥·助老服务队', place: '活动室' }
    expect(d.date).toBe('2026-11-22')
    expect(publishProblems(d, now)).toEqual({})
    expect(publishProblems({ ...d, end: '08:00' }, now)).toEqual({ time: '结束时间应晚于开始时间' })
    expect(publishProblems({ ...d, date: '2026-11-21', start: '08:00', end: '10:00' }, now)).toEqual({
      time: '开始时间已经过去了，请重新选择',
    })
    expect(publishProblems({ ...d, capacity: '2.5', points: '101' }, now)).toEqual({
      capacity: errorCopy('ACTIVITY.BAD_CAPACITY'),
      points: '积分应为 0–100 的整数',
    })
    expect(publishProblems({ ...d, points: '0', hours: '12' }, now)).toEqual({})
    expect(publishProblems({ ...d, hours: '12.5' }, now)).toEqual({ hours: '时长为 0.5–12 小时，按半小时计' })
    expect(publishProblems({ ...d, title: 'x'.repeat(61) }, now)).toEqual({ title: '活动名称不超过 60 个字' })
  })
})
