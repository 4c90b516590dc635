import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { ActivityDetail, ActivityMove } from '@core/activities/api'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { ActivityFacts, PhaseTag } from '../../components/ActivityCard'
import { CodeForm } from '../../components/CodeForm'
import { canScan, scanCheckin } from '../../device'
import { MoveLabel, manageUrl, shortTime, statusLine, windowText } from '../../labels'
import { Notice, toast } from '../../../../components/Notice'
import { TopicLink } from '../../../../components/TopicLink'
import '../../activities.scss'

/**
 * 活动详情: everything about the activity, where I stand, and exactly the buttons `moves` allows
 * (报名, 取消报名 after a confirmation, 扫码签到 with a typed-code fallback, 管理 for staff).
 */
export default function ActivityDetailPage() {
  const activityId = useRouter().params.activityId ?? ''
  const {
    data: activity,
    setData: setActivity,
    message,
    setMessage,
    reload,
  } = usePageData(activityId, () => (activityId ? callApi('activity.get', { activityId }) : null), {
    missing: '缺少活动编号',
  })
  const [busy, setBusy] = useState(false)
  const [confirmWithdraw, setConfirmWithdraw] = useState(false)

  /** Runs one move; the answer is the activity as it is now. A refused move reloads it (seats change). */
  const run = async (call: () => Promise<ActivityDetail>, done: (a: ActivityDetail) => string) => {
    setBusy(true)
    setMessage(null)
    try {
      const a = await call()
      setActivity(a)
      setConfirmWithdraw(false)
      toast(done(a))
    } catch (e) {
      setMessage(failureCopy(e, '操作失败，请重试'))
      reload()
    } finally {
      setBusy(false)
    }
  }
  const checkin = (code: string) =>
    void run(
      () => callApi('activity.checkin', { code }),
      // What comes next is in the status card (已签到 09:05，活动结束后由社区确认): said once.
      () => '签到成功',
    )
  const scan = async () => {
    if (!canScan) return setMessage('这里不能扫码，请在下方输入现场签到码')
    try {
      const code = await scanCheckin()
      if (code) checkin(code)
    } catch {
      setMessage('无法使用摄像头扫码，请在下方输入现场签到码')
    }
  }
  const tap = (move: ActivityMove) => {
    switch (move) {
      case 'signup':
        return void run(
          () => callApi('activity.signup', { activityId }),
          () => '报名成功',
        )
      case 'withdraw':
        return setConfirmWithdraw(true)
      case 'checkin':
        return void scan()
      case 'manage':
        return void Taro.navigateTo({ url: manageUrl(activityId) })
      default:
        return undefined
    }
  }

  if (!activity) {
    return (
      <Page label="活动详情">
        <View className="card" ariaRole={message ? 'alert' : 'status'}>
          <Text className="t-body">{message ?? '正在加载…'}</Text>
        </View>
      </Page>
    )
  }

  const status = statusLine(activity)
  const line = (text: string) => (
    <View>
      <Text className="t-body">{text}</Text>
    </View>
  )
  const moves = activity.moves.filter((m) => !(confirmWithdraw && m === 'withdraw'))
  return (
    <Page label="活动详情">
      <View className="card" ariaRole="region" ariaLabel="活动信息">
        <View className="activity-card__head">
          <Text className="t-title">{activity.title}</Text>
          <PhaseTag activity={activity} />
        </View>
        <ActivityFacts activity={activity} />
        {activity.description && line(activity.description)}
        <View>
          <Text className="t-muted">签到时间：{windowText(activity.checkinFrom, activity.checkinTo)}</Text>
        </View>
        {activity.status === 'cancelled' && line('活动已取消')}
        {activity.topicId && <TopicLink topicId={activity.topicId} label="落实居民议事决议" />}
      </View>

      {status && (
        <View className="card" ariaRole="region" ariaLabel="我的报名">
          <Text className="t-body activity__status">{status}</Text>
          {activity.confirmedAt && (
            <View>
              <Text className="t-muted">确认于 {shortTime(activity.confirmedAt)}</Text>
            </View>
          )}
        </View>
      )}

      <Notice text={message} />

      <View className="activity__actions" ariaRole="group" ariaLabel="可进行的操作">
        {moves.map((m) => (
          <Button
            key={m}
            className="btn"
            type={m === 'withdraw' || m === 'manage' ? 'default' : 'primary'}
            disabled={busy}
            onClick={() => tap(m)}
          >
            {MoveLabel[m]}
          </Button>
        ))}
      </View>

      {confirmWithdraw && (
        <View className="card activity__confirm" ariaRole="alertdialog" ariaLabel="取消报名">
          <Text className="t-body">确定取消报名吗？名额会让给其他邻居。</Text>
          <View className="activity__actions">
            <Button
              className="btn"
              type="primary"
              disabled={busy}
              onClick={() =>
                void run(
                  () => callApi('activity.withdraw', { activityId }),
                  () => '名额已让给其他邻居',
                )
              }
            >
              确认取消报名
            </Button>
            <Button className="btn" disabled={busy} onClick={() => setConfirmWithdraw(false)}>
              不取消
            </Button>
          </View>
        </View>
      )}

      {activity.moves.includes('checkin') && <CodeForm busy={busy} onSubmit={checkin} />}
    </Page>
  )
}
