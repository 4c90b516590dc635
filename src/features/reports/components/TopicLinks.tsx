import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OrderDetail } from '@core/orders/api'

const topicUrl = (topicId: string) =>
  `/features/deliberation/pages/topic/index?id=${encodeURIComponent(topicId)}`

/** 转为议题: staff raise a deliberation topic from this order (the form starts from its text). */
export const raiseUrl = (orderId: string) =>
  `/features/deliberation/pages/raise/index?orders=${encodeURIComponent(orderId)}`

/**
 * The order's deliberation topics, each a cell that opens it: the topic raised from this report
 * (民事民提), and the topic whose decision this order carries out (民办).
 */
export function TopicLinks({ order }: { readonly order: Pick<OrderDetail, 'raisedTopicId' | 'topicId'> }) {
  const links = [
    order.raisedTopicId && { id: order.raisedTopicId, text: '已转为居民议题' },
    order.topicId && { id: order.topicId, text: '居民议事决议的实施工单' },
  ].filter((l): l is { id: string; text: string } => !!l)
  if (links.length === 0) return null
  return (
    <View className="card" ariaRole="region" ariaLabel="居民议事">
      {links.map((l) => (
        <View
          key={l.text}
          className="order-topic"
          ariaRole="link"
          onClick={() => void Taro.navigateTo({ url: topicUrl(l.id) })}
        >
          <Text className="t-body">{l.text}</Text>
          <Text className="t-muted"> 查看议题 ›</Text>
        </View>
      ))}
    </View>
  )
}
