import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { OrderSummary } from '@core/orders/api'
import { StatusLabel, TierLabel, detailUrl, shortTime } from '../labels'

interface Props {
  readonly order: OrderSummary
  /** A safety hazard: marked in colour AND with the text label 隐患优先 (colour is never the only signal). */
  readonly hazard?: boolean
  /** The order's clock (`还剩 2 小时`, `已超时 5 小时`), shown on open orders in the inbox. */
  readonly clock?: string | null
  /** The card's own buttons (接单…): drawn inside the card, below the part that opens the detail. */
  readonly actions?: ReactNode
}

/**
 * One order in a list; the card's text opens its detail (one big target, named by all its visible
 * text). Buttons for the order sit inside its card, under that target, never between two cards.
 */
export function OrderCard({ order, hazard = false, clock = null, actions = null }: Props) {
  const flags = [
    hazard ? '隐患优先' : null,
    order.overdue ? '已超时' : null,
    order.unnotified ? '未通知到网格员' : null,
    order.held ? '待审核' : null,
    order.reopened ? '重新办理' : null,
    order.onBehalf ? '代登记' : null,
  ].filter((f): f is string => f !== null)
  const open = () => void Taro.navigateTo({ url: detailUrl(order.orderId) })
  const body = (
    <>
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
      {clock && (
        <View>
          <Text className={clock.startsWith('已超时') ? 'order-clock order-clock--late' : 'order-clock'}>
            {clock}
          </Text>
        </View>
      )}
      {flags.length > 0 && (
        <View className="order-card__flags">
          {flags.map((f) => (
            <Text key={f} className={f === '隐患优先' ? 'order-flag order-flag--hazard' : 'order-flag'}>
              {f}
            </Text>
          ))}
        </View>
      )}
    </>
  )
  const hazardClass = hazard ? ' order-card--hazard' : ''
  if (!actions)
    return (
      <View className={`card order-card btn${hazardClass}`} ariaRole="link" onClick={open}>
        {body}
      </View>
    )
  return (
    <View
      className={`card order-card${hazardClass}`}
      ariaRole="group"
      ariaLabel={`${order.categoryName}，${order.placeName}`}
    >
      <View className="order-card__open btn" ariaRole="link" onClick={open}>
        {body}
      </View>
      {actions}
    </View>
  )
}
