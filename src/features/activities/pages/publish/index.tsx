import { View, Text, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { notStaff, StaffOnlyPage } from '../../../../components/StaffOnly'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy, ServiceError } from '../../../../services/cloud'
import { callApi } from '../../api'
import { newRequestId } from '../../../../services/request-id'
import {
  chinaDay,
  fieldOfCode,
  freshDraft,
  publishInput,
  problemsMessage,
  publishProblems,
  withoutEdited,
  type PublishDraft,
  type PublishProblems,
} from '../../form'
import { TEAMS, detailUrl } from '../../labels'
import { placeIds } from '@core/access'
import { Notice } from '../../../../components/Notice'
import { SubmitButton } from '../../../../components/SubmitButton'
import { DayTimePickers } from '../../../../components/DayTimePickers'
import '../../activities.scss'
import { deliberationCopy } from '@core/deliberation/copy'
import { registerCopy } from '../../../../services/error-copy'

// Publishing for a topic (民办) can meet deliberation's codes (src/core/deliberation/copy.ts).
registerCopy(deliberationCopy)

/** A field's error line, read out when it appears. */
function ErrorLine({ text }: { readonly text?: string }) {
  if (!text) return null
  return (
    <View ariaRole="alert">
      <Text className="activity__error">{text}</Text>
    </View>
  )
}

/** A query value as typed (a platform may hand it over still encoded). */
const decoded = (s: string | undefined) => {
  try {
    return s ? decodeURIComponent(s) : ''
  } catch {
    return s ?? ''
  }
}

/**
 * 发布活动 (community admin): what, which team, where, when (day, from, to), seats and reward. Checked
 * on the phone field by field; the function's ACTIVITY.* answer lands under its field. Idempotent on
 * a request id kept until the activity is published, so a retried tap never publishes twice. Opened
 * from a topic being carried out (`topicId`, its `title` as the activity's to start from), the
 * activity is published for it and joins its work (民办).
 */
export default function PublishActivityPage() {
  const params = useRouter().params
  const asked = params.communityId
  const topicId = params.topicId || undefined
  const topicTitle = decoded(params.title)
  const profile = useProfile()
  const [d, setD] = useState<PublishDraft>(() => ({
    ...freshDraft(new Date()),
    title: [...topicTitle].slice(0, 60).join(''),
  }))
  const [requestId, setRequestId] = useState(newRequestId)
  const [problems, setProblems] = useState<PublishProblems>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (patch: Partial<PublishDraft>) => {
    setD((cur) => ({ ...cur, ...patch }))
    // A field once edited may be fixed: its error line and its name in the message go.
    setProblems((cur) => withoutEdited(cur, Object.keys(patch) as (keyof PublishDraft)[]))
  }
  const communityId =
    asked ||
    (profile.status === 'ready'
      ? placeIds(profile.profile.roles, 'community_admin', 'community')[0]
      : undefined)

  const submit = async () => {
    const found = publishProblems(d, new Date())
    setProblems(found)
    setMessage(null)
    if (Object.keys(found).length > 0) return
    if (!communityId)
      return setMessage(
        profile.status === 'loading' ? '正在加载您的身份，请稍候再试' : '只有社区管理员可以发布活动',
      )
    setBusy(true)
    try {
      const published = await callApi('activity.publish', publishInput(d, communityId, requestId, topicId))
      setRequestId(newRequestId())
      setD(freshDraft(new Date()))
      void Taro.navigateTo({ url: detailUrl(published.activityId) })
      setMessage(published.retried ? '这个活动已经发布过了' : '已发布')
    } catch (e) {
      const field = e instanceof ServiceError ? fieldOfCode(e.code) : null
      const copy = failureCopy(e, '发布失败，请重试')
      if (field) setProblems({ [field]: copy })
      setMessage(field ? null : copy)
    } finally {
      setBusy(false)
    }
  }

  const today = chinaDay(new Date())
  if (notStaff(profile)) return <StaffOnlyPage label="发布活动" />
  return (
    <Page label="发布活动">
      {topicId && (
        <View className="card" ariaRole="note" ariaLabel="居民议事">
          <Text className="t-body">
            为居民议事{topicTitle ? `「${topicTitle}」` : ''}发布：发布后列入它的实施工作，进度随活动更新。
          </Text>
        </View>
      )}
      <View className="card" ariaRole="form" ariaLabel="发布活动">
        <Field
          label="活动名称"
          value={d.title}
          onInput={(v) => set({ title: v })}
          maxlength={60}
          placeholder="如：重阳节陪老人包饺子"
          error={problems.title}
        />
        <Field
          label="服务队"
          value={d.team}
          onInput={(v) => set({ team: v })}
          maxlength={40}
          placeholder="可直接点下面的队伍"
          error={problems.team}
        />
        <ChoiceList
          label="常用服务队"
          options={TEAMS.map((t) => ({ id: t, name: t }))}
          selected={d.team}
          onSelect={(o) => set({ team: o.id })}
        />
        <Text className="t-body activity__label">活动介绍（选填）</Text>
        <Textarea
          className="activity__textarea t-body"
          value={d.description}
          maxlength={1000}
          placeholder="做什么、要带什么、注意事项"
          ariaLabel="活动介绍"
          nativeProps={{ 'aria-label': '活动介绍' }}
          onInput={(e) => set({ description: e.detail.value })}
        />
        <ErrorLine text={problems.description} />
        <Field
          label="活动地点"
          value={d.place}
          onInput={(v) => set({ place: v })}
          maxlength={60}
          placeholder="如：社区党群服务中心二楼"
          error={problems.place}
        />
        <Text className="t-body activity__label">活动时间</Text>
        <DayTimePickers value={d} onChange={set} firstDay={today} faceClass="activity__picker" />
        <ErrorLine text={problems.time} />
        <Field
          label="名额（人）"
          type="number"
          value={d.capacity}
          onInput={(v) => set({ capacity: v })}
          maxlength={3}
          hint="1–500 人"
          error={problems.capacity}
        />
        <Field
          label="每人积分"
          type="number"
          value={d.points}
          onInput={(v) => set({ points: v })}
          maxlength={3}
          hint="确认出勤后发放，0–100 分"
          error={problems.points}
        />
        <Field
          label="志愿时长（小时，选填）"
          value={d.hours}
          onInput={(v) => set({ hours: v })}
          maxlength={4}
          hint="不填则按活动时长计算（按半小时）"
          error={problems.hours}
        />
      </View>
      <Notice text={problemsMessage(problems) ?? message} />
      <SubmitButton busy={busy} onSubmit={submit}>
        发布
      </SubmitButton>
    </Page>
  )
}
