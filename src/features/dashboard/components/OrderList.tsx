import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { shortTime } from '@core/china-time'
import type { OrderSummary } from '@core/orders/api'
import { callApi } from '../api'

const SHOWN = 5

/** The first orders of a community's or street's queue (overdue, or rated 不满意), each a tap into the order. */
export function OrderList({
  title,
  level,
  id,
  box,
  empty,
}: {
  readonly title: string
  readonly level: 'community' | 'street'
  readonly id: string
  readonly box: 'overdue' | 'unsatisfied'
  readonly empty: string
}) {
  const [items, setItems] = useState<readonly OrderSummary[] | null>(null)
  const [more, setMore] = useState(false)
  useEffect(() => {
    callApi('order.queue', { level, box, id }).then(
      (p) => {
        setItems(p.items.slice(0, SHOWN))
        setMore(p.items.length > SHOWN || p.cursor !== null)
      },
      () => setItems([]),
    )
  }, [level, id, box])
  const queue = `/features/reports/pages/queue/index?box=${box}`
  return (
    <View className="card" ariaRole="region" ariaLabel={title}>
      <Text className="t-title">{title}</Text>
      {items === null && <Text className="t-muted">加载中…</Text>}
      {items?.length === 0 && (
        <View>
          <Text className="t-muted">{empty}</Text>
        </View>
      )}
      <View ariaRole="list">
        {items?.map((o) => (
          <View
            key={o.orderId}
            className="dash-cell"
            ariaRole="listitem"
            onClick={() =>
              void Taro.navigateTo({ url: `/features/reports/pages/detail/index?id=${o.orderId}` })
            }
          >
            <View>
              <Text className="t-body">{`${o.categoryName} · ${o.placeName}`}</Text>
            </View>
            <View>
              <Text className="t-muted">{`${o.summary} · ${shortTime(o.submittedAt)}提交`}</Text>
            </View>
          </View>
        ))}
      </View>
      {more && (
        <View className="dash-cell" ariaRole="link" onClick={() => void Taro.navigateTo({ url: queue })}>
          <Text className="t-body">查看全部</Text>
        </View>
      )}
    </View>
  )
}
