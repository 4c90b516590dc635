import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { draftFromOrders, SOURCES_MAX } from '@core/deliberation/raise'
import { TEXT_MAX, TITLE_MAX } from '@core/deliberation/rules'
import type { OrderDetail } from '@core/orders/api'
import { Field } from '../../../../components/Field'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { SubmitButton } from '../../../../components/SubmitButton'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { newRequestId } from '../../../../services/request-id'
import { callApi } from '../../api'
import '../../deliberation.scss'
import { TextBox } from '../../../../components/TextBox'

/** The orders named in `?orders=a,b` (at most 20), in order. */
export const orderIdsOf = (raw: string | undefined): string[] =>
  [
    ...new Set(
      decodeURIComponent(raw ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, SOURCES_MAX)

/**
 * 转为议题 (民事民提 from reports): staff raise a topic from one or more work orders of a grid. The
 * title and text start from the orders' (category, what the reporters wrote) and are edited here;
 * they pass content security. The topic starts 征集支持 in the grid's 议事厅; the reporters follow it.
 */
export default function RaiseTopicPage() {
  const ids = orderIdsOf(useRouter().params.orders)
  const { data: orders, message: loadNote } = usePageData(
    ids.join(','),
    () => (ids.length ? Promise.all(ids.map((orderId) => callApi('order.get', { orderId }))) : null),
    { missing: '请先选择工单' },
  )
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  // One request id per draft: a retry after a lost answer lands on the same topic.
  const requestId = useRef(newRequestId())
  useEffect(() => {
    if (!orders) return
    const d = draftFromOrders(orders)
    setTitle(d.title)
    setText(d.text)
  }, [orders])

  const submit = async (list: readonly OrderDetail[]) => {
    if (!title.trim() || !text.trim()) return setMessage('请填写议题标题和说明')
    setBusy(true)
    setMessage(null)
    try {
      const t = await callApi('topic.raise', {
        requestId: requestId.current,
        gridId: list[0]?.gridId ?? '',
        orderIds: list.map((o) => o.orderId),
        title: title.trim(),
        text: text.trim(),
      })
      toast('议题已发起')
      void Taro.redirectTo({ url: `/features/deliberation/pages/topic/index?id=${t.id}` })
    } catch (e) {
      setMessage(failureCopy(e, '提交失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  if (!orders)
    return (
      <Page label="转为议题">
        <View className="card" ariaRole={loadNote ? 'alert' : 'status'}>
          <Text className="t-body">{loadNote ?? '正在加载…'}</Text>
        </View>
      </Page>
    )
  return (
    <Page label="转为议题">
      <View className="card" ariaRole="region" ariaLabel="所选工单">
        <Text className="t-title">据 {orders.length} 件居民上报发起</Text>
        {orders.map((o) => (
          <View key={o.orderId}>
            <Text className="t-muted">
              {o.categoryName}：{o.summary}
            </Text>
          </View>
        ))}
      </View>
      <View className="card" ariaRole="form" ariaLabel="议题">
        <Field label="议题标题" value={title} maxlength={TITLE_MAX} onInput={setTitle} />
        <Text className="t-body topic__label">说明</Text>
        <TextBox name="说明" value={text} maxlength={TEXT_MAX} onInput={setText} />
        <Text className="t-muted">
          议题会在本网格议事厅征集支持，上报的居民会收到进展通知；其他居民看不到上报内容。
        </Text>
      </View>
      <Notice text={message} />
      <SubmitButton busy={busy} onSubmit={() => submit(orders)}>
        发起议题
      </SubmitButton>
    </Page>
  )
}
