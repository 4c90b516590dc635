import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OrderSummary } from '@core/orders/api'
import { StatusLabel, TierLabel, detailUrl, shortTime } from '../labels'

/** One order in a list; the whole card opens its detail (one big target, named by all its visible text). */
export function OrderCard({ order }: { readonly order: OrderSummary }) {
  const flags = [
    order.overdue ? '已超时' : null,
    order.unnotified ? '未通知到网格员' : null,
    order.held ? '待审核' : null,
    order.reopened ? '重新办理' : null,
    order.onBehalf ? '代登记' : null,
  ].filter((f): f is string => f !== null)
  return (
    <View
      className="card order-card btn"
      ariaRole="link"
      onClick={() => void Taro.navigateTo({ url: detailUrl(order.orderId) })}
    >
      <View className="order-card__head">
        <Text className="t-title">{order.categoryName}</Text>
        <Text className={order.open ? 'order-status order-status--open' : 'order-status'}>
          {StatusLabel[order.status]}
        </Text>
      </View>
      <View>
        <Text className="t-body">{order.summary}</Text>
      </View>
      <View>
        <Text className="t-muted">
          {order.placeName} · {TierLabel[order.tier]} · {shortTime(order.submittedAt)}
          {order.photoCount ? ` · ${order.photoCount} 张照片` : ''}
        </Text>
      </View>
      {flags.length > 0 && (
        <View className="order-card__flags">
          {flags.map((f) => (
            <Text key={f} className="order-flag">
              {f}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
}
