import { render, screen } from '@testing-library/react'
import PublishActivityPage from '../../../src/features/activities/pages/publish/index'
import { errorCopy } from '../../../src/services/error-copy'
import { router } from '../../support/taro-mock'
import { api, button, fail, inputs, tap, type } from '../../support/ui-script'
import { detail, ADMIN, profile, radio } from './harness'

// Publishing an activity for a deliberation topic being carried out (民办): opened from the topic's
// 公示 with its id and title; the activity is published for it, and the topic's refusal is said.

describe('publish form for a topic', () => {
  beforeEach(() => {
    router.params = {
      communityId: 'cm-xinhua',
      topicId: 'tp1',
      title: encodeURIComponent('在3号楼旁安装充电桩'),
    }
  })

  it('starts from the topic’s title, says what it is for, and sends the topic with the form', async () => {
    let n = 0
    api({
      'me.profile': profile(ADMIN),
      'activity.publish': (i: Record<string, unknown>) =>
        n++ === 0 ? fail('DELIBERATION.NOT_DOING') : detail({ activityId: 'ac_9', title: String(i.title) }),
    })
    render(<PublishActivityPage />)
    expect(screen.getByText(/为居民议事「在3号楼旁安装充电桩」发布/)).toBeTruthy()
    expect(document.querySelector('taro-input-core[aria-label="活动名称"]')?.getAttribute('value')).toBe(
      '在3号楼旁安装充电桩',
    )
    await tap(radio('彩虹桥·助老服务队'))
    await type('活动地点', '3号楼东侧')
    await tap(button('发布'))
    expect(await screen.findByText(errorCopy('DELIBERATION.NOT_DOING'))).toBeTruthy()
    await tap(button('发布'))
    const sent = inputs('activity.publish')
    expect(sent).toHaveLength(2)
    expect(sent[0]).toMatchObject({
      communityId: 'cm-xinhua',
      topicId: 'tp1',
      title: '在3号楼旁安装充电桩',
      place: '3号楼东侧',
    })
    expect(sent[1]).toEqual(sent[0])
  })
})
