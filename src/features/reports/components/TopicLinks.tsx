import { View } from '@tarojs/components'
import type { OrderDetail } from '@core/orders/api'
import { TopicLink } from '../../../components/TopicLink'

/** 转为议题: staff raise a deliberation topic from this order (the form starts from its text). */
export const raiseUrl = (orderId: string) =>
  `/features/deliberation/pages/raise/index?orders=${encodeURIComponent(orderId)}`

/**
 * The order's deliberation topics, each a cell that opens it: the topic raised from this report
 * (民事民提), and the topic whose decision this order carries out (民办).
 */
export function TopicLinks({ order }: { readonly order: Pick<OrderDetail, 'raisedTopicId' | 'topicId'> }) {
  if (!order.raisedTopicId && !order.topicId) return null
  return (
    <View className="card" ariaRole="region" ariaLabel="居民议事">
      {order.raisedTopicId && <TopicLink topicId={order.raisedTopicId} label="已转为居民议题" />}
      {order.topicId && <TopicLink topicId={order.topicId} label="落实居民议事决议" />}
    </View>
  )
}
