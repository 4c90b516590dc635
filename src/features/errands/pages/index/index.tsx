import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ErrandDetail } from '@core/errands/api'
import { ErrandTypeLabel, ErrandTypes, type ErrandType } from '@core/errands/model'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { newRequestId } from '../../../../services/request-id'
import { TrustedHelpers } from '../../components/TrustedHelpers'
import {
  HOME,
  MAX_DAYS_AHEAD,
  chinaDay,
  defaultWindow,
  postInput,
  postProblem,
  type PostDraft,
} from '../../form'
import { BOARD_URL, MINE_URL, detailUrl, windowText } from '../../labels'
import { SubmitButton } from '../../../../components/SubmitButton'
import { DayTimePickers } from '../../../../components/DayTimePickers'
import '../../errands.scss'

const fresh = (): PostDraft => ({
  type: null,
  text: '',
  meetingPoint: HOME,
  note: '',
  ...defaultWindow(new Date()),
})

/**
 * 发布互助: what (big choices), a short description, when (day, from, to), where (default 我家) and a
 * note for the helper; child pickups need the guardian's trusted helpers. Idempotent on a request id
 * kept until the post lands, so a retried tap never posts twice.
 */
export default function PostErrandPage() {
  const [d, setD] = useState<PostDraft>(fresh)
  const [requestId, setRequestId] = useState(newRequestId)
  const [trusted, setTrusted] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [posted, setPosted] = useState<ErrandDetail | null>(null)
  const set = (patch: Partial<PostDraft>) => setD((cur) => ({ ...cur, ...patch }))

  const submit = async () => {
    const problem = postProblem(d, new Date(), trusted)
    setError(problem)
    if (problem || !d.type) return
    setBusy(true)
    try {
      setPosted(await callApi('errand.post', postInput({ ...d, type: d.type }, requestId)))
      setRequestId(newRequestId())
      setD(fresh())
    } catch (e) {
      setError(failureCopy(e, '发布失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  if (posted) {
    return (
      <Page label="发布互助">
        <View className="card" ariaRole="status">
          <Text className="t-title">
            {posted.retried ? '这条互助已经发布过了' : '已发布，附近的帮办人在互助大厅即可看到'}
          </Text>
        </View>
        <View className="card" ariaRole="region" ariaLabel="已发布的互助">
          <View className="errand-card__head">
            <Text className="t-title">{posted.typeLabel}</Text>
            <Text className="errand-status errand-status--open">{posted.statusLabel}</Text>
          </View>
          <View>
            <Text className="t-body">{posted.text}</Text>
          </View>
          <View>
            <Text className="t-body">时间：{windowText(posted.windowStart, posted.windowEnd)}</Text>
          </View>
          {posted.address && (
            <View>
              <Text className="t-body">见面地点：{posted.address}</Text>
            </View>
          )}
          {posted.handoverCode && (
            <View ariaRole="group" ariaLabel="交接码">
              <Text className="t-body">交接码：</Text>
              <Text className="errand__code">{posted.handoverCode}</Text>
              <View>
                <Text className="t-muted">
                  请把交接码告诉学校老师或孩子。帮办人接孩子时要输入这个码，码不对接不走。
                </Text>
              </View>
            </View>
          )}
        </View>
        <View className="errand__actions">
          <Button
            className="btn"
            type="primary"
            onClick={() => void Taro.navigateTo({ url: detailUrl(posted.errandId) })}
          >
            查看详情
          </Button>
          <Button className="btn" onClick={() => void Taro.navigateTo({ url: MINE_URL })}>
            我的互助
          </Button>
          <Button className="btn" onClick={() => setPosted(null)}>
            再发一条
          </Button>
        </View>
      </Page>
    )
  }

  const today = chinaDay(new Date())
  return (
    <Page label="发布互助">
      <View className="errand__actions">
        <Button className="btn" onClick={() => void Taro.navigateTo({ url: MINE_URL })}>
          我的互助
        </Button>
        <Button className="btn" onClick={() => void Taro.navigateTo({ url: BOARD_URL })}>
          帮邻居（接单）
        </Button>
      </View>
      <View className="card" ariaRole="form" ariaLabel="发布互助">
        <ChoiceList
          label="需要帮什么忙"
          options={ErrandTypes.map((t) => ({ id: t, name: ErrandTypeLabel[t] }))}
          selected={d.type}
          onSelect={(o) => set({ type: o.id as ErrandType })}
        />
        <Field
          label="简单描述"
          value={d.text}
          onInput={(v) => set({ text: v })}
          maxlength={100}
          placeholder="如：帮忙取一下菜鸟驿站的快递"
          hint="不超过 100 个字"
        />
        <Text className="t-body errand__label">时间</Text>
        <DayTimePickers
          value={d}
          onChange={set}
          firstDay={today}
          lastDay={chinaDay(new Date(), MAX_DAYS_AHEAD)}
          faceClass="errand__picker"
        />
        <View>
          <Text className="t-muted">7 天内，至少 15 分钟，不超过 12 小时</Text>
        </View>
        <Field
          label="见面地点"
          value={d.meetingPoint}
          onInput={(v) => set({ meetingPoint: v })}
          maxlength={60}
          hint="“我家”即您登记的住址，帮办人接单后才能看到"
        />
        <Field
          label="给帮办人的备注（选填）"
          value={d.note}
          onInput={(v) => set({ note: v })}
          maxlength={100}
          placeholder="如：取件码 3-2-1056"
        />
      </View>
      {d.type === 'child_pickup' && <TrustedHelpers onSaved={setTrusted} />}
      {error && (
        <View ariaRole="alert">
          <Text className="t-body field__error">{error}</Text>
        </View>
      )}
      <SubmitButton busy={busy} onSubmit={submit}>
        发布
      </SubmitButton>
    </Page>
  )
}
