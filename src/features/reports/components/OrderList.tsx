import { View, Text } from '@tarojs/components'
import type { OrderSummary } from '@core/orders/api'
import { Button } from '../../../components/ui'
import { OrderCard } from './OrderCard'

interface Props {
  readonly items: readonly OrderSummary[] | null
  readonly cursor: string | null
  readonly empty: string
  readonly onMore: () => void
  /** Extra buttons under a card (e.g. 接单 in the inbox). */
  readonly actions?: (o: OrderSummary) => React.ReactNode
}

/** A page of orders: a list of list items only (loading, empty and "more" sit outside the list). */
export function OrderList({ items, cursor, empty, onMore, actions }: Props) {
  return (
    <View>
      {items === null && <Text className='t-muted'>正在加载…</Text>}
      {items?.length === 0 && (
        <View className='card'>
          <Text className='t-body'>{empty}</Text>
        </View>
      )}
      {items && items.length > 0 && (
        <View ariaRole='list' ariaLabel='工单列表'>
          {items.map((o) => (
            <View key={o.orderId} ariaRole='listitem'>
              <OrderCard order={o} />
              {actions?.(o)}
            </View>
          ))}
        </View>
      )}
      {cursor && (
        <Button className='btn' block onClick={onMore}>
          加载更多
        </Button>
      )}
    </View>
  )
}
