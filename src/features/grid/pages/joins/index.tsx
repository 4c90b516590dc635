import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { shortTime } from '@core/china-time'
import type { JoinInboxItem } from '@core/join/api'
import { NotifyTemplates } from '@core/notify/templates'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { requestSubscription } from '../../../../services/subscribe'
import { Notice, toast } from '../../../../components/Notice'
import './index.scss'

/**
 * 入格审核: pending join requests the grid worker / building leader / community admin may decide.
 * Opened from a join message (`?id=<joinId>`, NotifyTemplates.joinPending), that request comes first.
 */
export default function JoinInboxPage() {
  const focusId = useRouter().params.id ?? ''
  const { data: loaded, message, setMessage, reload } = usePageData('joins', () => callApi('join.inbox', {}))
  const items =
    loaded && focusId
      ? [...loaded.filter((i) => i.joinId === focusId), ...loaded.filter((i) => i.joinId !== focusId)]
      : loaded
  const focusGone = Boolean(focusId) && loaded !== null && !loaded.some((i) => i.joinId === focusId)
  const [rejecting, setRejecting] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)

  /** One tap = one future message (WeChat's one-time subscriptions); must run inside the tap. */
  const subscribe = async () => {
    setMessage(null)
    try {
      const accepted = await requestSubscription([NotifyTemplates.joinPending.id])
      toast(
        accepted.length > 0 ? '已订阅：下一条新的入格申请将通过微信提醒您' : '未订阅提醒，您仍可在此查看申请',
      )
    } catch {
      setMessage('订阅失败，请稍后再试')
    }
  }

  const decide = async (item: JoinInboxItem, decision: 'approve' | 'reject') => {
    setBusy(true)
    setMessage(null)
    try {
      const input =
        decision === 'approve'
          ? { joinId: item.joinId, decision }
          : { joinId: item.joinId, decision, reason: reason.trim() }
      await callApi('join.decide', input)
      toast(decision === 'approve' ? `已通过 ${item.name} 的入格申请` : `已驳回 ${item.name} 的入格申请`)
      setRejecting(null)
      setReason('')
      reload()
    } catch (err) {
      setMessage(failureCopy(err, '操作失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page label="入格审核">
      <View className="card">
        <Button className="btn" block onClick={() => void subscribe()}>
          订阅新申请提醒
        </Button>
        <Text className="t-muted">每订阅一次，收到一条新申请的微信提醒。</Text>
      </View>
      <Notice text={message} />
      {items === null && !message && <Text className="t-muted">正在加载…</Text>}
      {focusGone && (
        <View className="card">
          <Text className="t-body">提醒中的这条申请已处理或已撤回。</Text>
        </View>
      )}
      {items?.length === 0 && (
        <View className="card">
          <Text className="t-body">暂无待审核的入格申请。</Text>
        </View>
      )}
      {items?.map((item) => (
        <View key={item.joinId} className="card" ariaRole="region" ariaLabel={`${item.name}的入格申请`}>
          {item.joinId === focusId && <Text className="t-muted">微信提醒的申请</Text>}
          <Text className="t-title">{item.name}</Text>
          <View>
            <Text className="t-body">
              {item.move ? '申请迁入 · ' : ''}
              {item.buildingName}
              {item.unitName} {item.room}室
            </Text>
          </View>
          <View>
            <Text className="t-muted">
              {item.maskedPhone ? `手机 ${item.maskedPhone} · ` : ''}
              {shortTime(item.submittedAt)}
            </Text>
          </View>
          {rejecting === item.joinId ? (
            <View className="inbox__reject">
              <Field
                label="不通过的原因"
                value={reason}
                onInput={setReason}
                placeholder="如：房号与登记不符"
                maxlength={100}
              />
              <View className="inbox__actions">
                <Button
                  className="btn"
                  type="primary"
                  disabled={busy || reason.trim().length < 2}
                  onClick={() => void decide(item, 'reject')}
                >
                  确认驳回
                </Button>
                <Button className="btn" onClick={() => setRejecting(null)}>
                  取消
                </Button>
              </View>
            </View>
          ) : (
            <View className="inbox__actions">
              <Button
                className="btn"
                type="primary"
                disabled={busy}
                onClick={() => void decide(item, 'approve')}
              >
                通过
              </Button>
              <Button className="btn" disabled={busy} onClick={() => setRejecting(item.joinId)}>
                不通过
              </Button>
            </View>
          )}
        </View>
      ))}
    </Page>
  )
}
