import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ActivityDetail } from '@core/activities/api'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { CodeForm } from '../../components/CodeForm'
import { INDEX_URL, decodeScene, detailUrl, shortTime } from '../../labels'
import '../../activities.scss'

type State =
  | { readonly stage: 'idle' }
  | { readonly stage: 'sending' }
  | { readonly stage: 'done'; readonly activity: ActivityDetail }
  | { readonly stage: 'failed'; readonly message: string }

/**
 * 活动签到: WeChat opens this page when the on-site code is scanned (scene `c=<code>`, URL-encoded as
 * WeChat delivers it) and it checks in at once; opened without a scene, the code is typed.
 */
export default function CheckinPage() {
  const scene = decodeScene(useRouter().params.scene ?? '')
  const [state, setState] = useState<State>(scene ? { stage: 'sending' } : { stage: 'idle' })

  const checkin = (code: string) => {
    setState({ stage: 'sending' })
    callApi('activity.checkin', { code }).then(
      (activity) => setState({ stage: 'done', activity }),
      (e: unknown) => setState({ stage: 'failed', message: failureCopy(e, '签到失败，请重试') }),
    )
  }
  useEffect(() => {
    if (scene) checkin(scene)
  }, [scene])

  if (state.stage === 'done') {
    const a = state.activity
    return (
      <Page label="活动签到">
        <View className="card" ariaRole="status">
          <Text className="t-title activity__status">签到成功</Text>
          <View>
            <Text className="t-body">活动：{a.title}</Text>
          </View>
          <View>
            <Text className="t-body">签到时间：{a.checkedInAt ? shortTime(a.checkedInAt) : '—'}</Text>
          </View>
          <View>
            <Text className="t-muted">
              活动结束后由社区确认，确认后积分到账（+{a.points} 积分 · {a.hours} 小时）。
            </Text>
          </View>
        </View>
        <Button
          className="btn"
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: detailUrl(a.activityId) })}
        >
          查看活动详情
        </Button>
      </Page>
    )
  }

  return (
    <Page label="活动签到">
      {state.stage === 'sending' && (
        <View className="card" ariaRole="status">
          <Text className="t-body">正在签到…</Text>
        </View>
      )}
      {state.stage === 'failed' && (
        <View className="card" ariaRole="alert">
          <Text className="t-body">{state.message}</Text>
        </View>
      )}
      {state.stage !== 'sending' && <CodeForm busy={false} onSubmit={checkin} />}
      <Button className="btn" block onClick={() => void Taro.navigateTo({ url: `${INDEX_URL}?when=mine` })}>
        查看我报名的活动
      </Button>
    </Page>
  )
}
