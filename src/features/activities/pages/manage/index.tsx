import { View, Text } from '@tarojs/components'
import { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { notStaff, StaffOnlyPage } from '../../../../components/StaffOnly'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { ActivityFacts, PhaseTag } from '../../components/ActivityCard'
import { CheckinCodeCard } from '../../components/CheckinCodeCard'
import { RosterCard } from '../../components/RosterCard'
import { HoursExportCard } from '../../components/HoursExportCard'
import { isAdminOf } from '@core/access'
import { Notice, toast } from '../../../../components/Notice'
import '../../activities.scss'

/**
 * 活动管理 (staff): the on-site check-in code, the roster with 确认出勤并发放积分; for the community
 * admin also 取消活动 (with a reason) and 导出志愿时长 (the community's record as an Excel file).
 */
export default function ManageActivityPage() {
  const activityId = useRouter().params.activityId ?? ''
  const profile = useProfile()
  const {
    data: roster,
    setData: setRoster,
    message,
    setMessage,
  } = usePageData(activityId, () => (activityId ? callApi('activity.roster', { activityId }) : null), {
    fallback: '名单加载失败，请下拉重试',
    missing: '缺少活动编号',
  })
  const [round, setRound] = useState(0)
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  // Pull-down also renews the check-in code (usePageData reloads the roster and stops the spinner).
  usePullDownRefresh(() => setRound((n) => n + 1))

  if (notStaff(profile)) return <StaffOnlyPage label="活动管理" />

  if (!roster) {
    return (
      <Page label="活动管理">
        <View className="card" ariaRole={message ? 'alert' : 'status'}>
          <Text className="t-body">{message ?? '正在加载…'}</Text>
        </View>
      </Page>
    )
  }

  const a = roster.activity
  const admin = profile.status === 'ready' && isAdminOf(profile.profile.roles, a.communityId)

  const cancel = async () => {
    if ([...reason.trim()].length < 2)
      return setMessage('请填写取消原因（至少 2 个字），会写在发给报名居民的取消通知里')
    setBusy(true)
    setMessage(null)
    try {
      const cancelled = await callApi('activity.cancel', { activityId, reason: reason.trim() })
      setRoster({ ...roster, activity: cancelled })
      setCancelling(false)
      toast('活动已取消')
    } catch (e) {
      setMessage(failureCopy(e, '取消失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page label="活动管理">
      <View className="card" ariaRole="region" ariaLabel="活动信息">
        <View className="activity-card__head">
          <Text className="t-title">{a.title}</Text>
          <PhaseTag activity={a} />
        </View>
        <ActivityFacts activity={a} />
        {a.status === 'cancelled' && (
          <View>
            <Text className="t-muted">
              已报名的居民在“志愿活动”里会看到活动已取消，订阅了活动提醒的还会收到附取消原因的消息
            </Text>
          </View>
        )}
      </View>
      <Notice text={message} />
      {a.status === 'published' && (
        <CheckinCodeCard activityId={activityId} title={a.title} refreshKey={round} />
      )}
      <RosterCard roster={roster} onRoster={setRoster} />

      {admin && <HoursExportCard communityId={a.communityId} onMessage={setMessage} />}

      {admin && a.status === 'published' && !cancelling && (
        <Button className="btn" block disabled={busy} onClick={() => setCancelling(true)}>
          取消活动
        </Button>
      )}
      {cancelling && (
        <View className="card activity__confirm" ariaRole="form" ariaLabel="取消活动">
          <Field
            label="取消原因"
            value={reason}
            onInput={setReason}
            maxlength={100}
            placeholder="如：天气原因，改期另行通知"
            hint="会通知所有已报名的居民"
          />
          <View className="activity__actions">
            <Button className="btn" type="primary" disabled={busy} onClick={() => void cancel()}>
              确认取消活动
            </Button>
            <Button className="btn" disabled={busy} onClick={() => setCancelling(false)}>
              返回
            </Button>
          </View>
        </View>
      )}
    </Page>
  )
}
