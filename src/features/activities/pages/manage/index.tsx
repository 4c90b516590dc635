import { View, Text } from '@tarojs/components'
import { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { HoursExport } from '@core/activities/api'
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
import { openExport } from '../../device'
import { isAdminOf } from '@core/access'
import { Notice } from '../../../../components/Notice'
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
  const [exported, setExported] = useState<HoursExport | null>(null)
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
    if ([...reason.trim()].length < 2) return setMessage('请填写取消原因，会通知已报名的居民')
    setBusy(true)
    setMessage(null)
    try {
      const cancelled = await callApi('activity.cancel', { activityId, reason: reason.trim() })
      setRoster({ ...roster, activity: cancelled })
      setCancelling(false)
      setMessage('活动已取消，已通知报名的居民')
    } catch (e) {
      setMessage(failureCopy(e, '取消失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const exportHours = async () => {
    setBusy(true)
    setMessage(null)
    try {
      setExported(await callApi('hours.export', { communityId: a.communityId }))
    } catch (e) {
      setMessage(failureCopy(e, '导出失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const open = (exp: HoursExport) =>
    void openExport(exp).then((r) => r === 'failed' && setMessage('文件打开失败，请重新导出'))

  return (
    <Page label="活动管理">
      <View className="card" ariaRole="region" ariaLabel="活动信息">
        <View className="activity-card__head">
          <Text className="t-title">{a.title}</Text>
          <PhaseTag activity={a} />
        </View>
        <ActivityFacts activity={a} />
      </View>
      <Notice text={message} role="status" />
      {a.status === 'published' && (
        <CheckinCodeCard activityId={activityId} title={a.title} refreshKey={round} />
      )}
      <RosterCard roster={roster} onRoster={setRoster} />

      {admin && (
        <View className="card" ariaRole="region" ariaLabel="志愿时长导出">
          <Text className="t-title">导出志愿时长</Text>
          <View>
            <Text className="t-muted">
              本社区已确认的志愿服务记录（Excel 表格），可用于出具志愿服务证明。
            </Text>
          </View>
          {exported ? (
            <View>
              <Text className="t-body">
                已生成 {exported.fileName}（{exported.rows} 条记录）
              </Text>
              <Button className="btn" type="primary" block onClick={() => open(exported)}>
                打开文件
              </Button>
            </View>
          ) : (
            <Button className="btn" block disabled={busy} onClick={() => void exportHours()}>
              导出志愿时长
            </Button>
          )}
        </View>
      )}

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
