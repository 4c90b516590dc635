import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { OrderSummary } from '@core/orders/api'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { REPORT_DRAFT, reportOutbox, type ReportDraft } from '../../../../services/drafts-report'
import { OrderCard } from '../../components/OrderCard'
import { Notice, toast } from '../../../../components/Notice'
import '../../reports.scss'

const REPORT_URL = '/features/reports/pages/index/index'

/** 我的上报: drafts still on the phone (waiting or refused), then my reports and the ones I follow. */
export default function MyReportsPage() {
  const outbox = useMemo(reportOutbox, [])
  const [drafts, setDrafts] = useState<readonly ReportDraft[]>([])
  const [items, setItems] = useState<readonly OrderSummary[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback((more?: string | null) => {
    callApi('report.mine', more ? { cursor: more } : {}).then(
      (page) => {
        setItems((cur) => (more && cur ? [...cur, ...page.items] : page.items))
        setCursor(page.cursor)
      },
      (e: unknown) => setMessage(failureCopy(e, '加载失败，请下拉重试')),
    )
  }, [])

  useEffect(() => {
    let shown: readonly ReportDraft[] = []
    const show = () => {
      const all = outbox.list(REPORT_DRAFT) as readonly ReportDraft[]
      // A draft acknowledged while this page is open now comes from the server: reload the list.
      if (shown.some((d) => all.find((x) => x.id === d.id)?.state === 'sent')) load()
      shown = all.filter((d) => d.state !== 'sent')
      setDrafts(shown)
    }
    show()
    return outbox.subscribe(show)
  }, [outbox, load])
  useEffect(() => load(), [load])
  usePullDownRefresh(() => {
    load()
    void outbox.flush({ force: true })
    void Taro.stopPullDownRefresh()
  })

  const retry = async (d: ReportDraft) => {
    setBusy(true)
    setMessage(null)
    const after = await outbox.submit(d.id)
    setBusy(false)
    if (after?.state === 'sent') return toast('已提交')
    setMessage(
      after?.state === 'failed' ? (after.lastError?.copy ?? '提交失败') : '网络仍不稳定，稍后会自动重试',
    )
  }

  return (
    <Page label="我的上报">
      <Button
        className="btn report__new"
        type="primary"
        block
        onClick={() => void Taro.navigateTo({ url: REPORT_URL })}
      >
        我要上报
      </Button>
      <Notice text={message} />
      {drafts.map((d) => (
        <View
          key={d.id}
          className="card"
          ariaRole="region"
          ariaLabel={`${d.payload.categoryName}，${d.state === 'failed' ? '未能提交' : '待发送'}`}
        >
          <View className="order-card__head">
            <Text className="t-title">{d.payload.categoryName}</Text>
            <Text className="report__status--wait">{d.state === 'failed' ? '未能提交' : '待发送'}</Text>
          </View>
          <View>
            <Text className="t-body">{d.payload.input.text.slice(0, 40)}</Text>
          </View>
          <View>
            <Text className="t-muted">
              {d.state === 'failed' ? (d.lastError?.copy ?? '提交失败') : '待发送（网络恢复后自动提交）'}
              {d.files.length
                ? ` · ${d.files.filter((f) => f.fileID).length}/${d.files.length} 张照片已上传`
                : ''}
            </Text>
          </View>
          <View className="report__actions">
            {d.state === 'pending' && (
              <Button className="btn" disabled={busy} onClick={() => void retry(d)}>
                立即重试
              </Button>
            )}
            <Button className="btn" disabled={busy} onClick={() => outbox.remove(d.id)}>
              删除草稿
            </Button>
          </View>
        </View>
      ))}
      {items === null && !message && <Text className="t-muted">正在加载…</Text>}
      {items?.length === 0 && drafts.length === 0 && (
        <View className="card">
          <Text className="t-body">您还没有上报过问题。发现身边的安全隐患、设施损坏，点“我要上报”。</Text>
        </View>
      )}
      {items?.map((o) => (
        <OrderCard key={o.orderId} order={o} />
      ))}
      {cursor && (
        <Button className="btn" block onClick={() => load(cursor)}>
          加载更多
        </Button>
      )}
    </Page>
  )
}
