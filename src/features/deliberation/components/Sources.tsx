import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { SourcesView } from '@core/deliberation/raise-api'

const orderUrl = (orderId: string) => `/features/reports/pages/detail/index?id=${encodeURIComponent(orderId)}`

/**
 * 来自居民上报: the work orders a topic was raised from. Everyone reads how many and of which
 * categories; staff of the place get a cell per order that opens it, a reporter one for their own
 * report only (other residents' reports are never shown here).
 */
export function Sources(props: { readonly sources: SourcesView | null }) {
  const s = props.sources
  if (!s || s.count === 0) return null
  return (
    <View className="card" ariaRole="region" ariaLabel="来自居民上报">
      <Text className="t-title">来自居民上报</Text>
      <View>
        <Text className="t-body">
          据 {s.count} 件居民上报发起：{s.categories.join('、')}
        </Text>
      </View>
      {s.cells.map((c) => (
        <View
          key={c.orderId}
          className="topic-source"
          ariaRole="link"
          ariaLabel={`${c.mine ? '我的上报' : '工单'}：${c.categoryName}`}
          onClick={() => void Taro.navigateTo({ url: orderUrl(c.orderId) })}
        >
          <Text className="t-body">
            {c.mine ? '我的上报' : c.categoryName}：{c.summary}
          </Text>
          <Text className="t-muted"> 查看 ›</Text>
        </View>
      ))}
    </View>
  )
}
