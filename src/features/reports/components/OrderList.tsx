import type { OrderSummary } from '@core/orders/api'
import { PagedList } from '../../../components/PagedList'
import { OrderCard } from './OrderCard'

interface Props {
  readonly items: readonly OrderSummary[] | null
  readonly cursor: string | null
  readonly empty: string
  readonly onMore: () => void
  /** Extra buttons under a card (e.g. 接单 in the inbox). */
  readonly actions?: (o: OrderSummary) => React.ReactNode
}

/** A page of orders. */
export function OrderList({ items, cursor, empty, onMore, actions }: Props) {
  return (
    <PagedList
      label="工单列表"
      items={items}
      cursor={cursor}
      empty={empty}
      onMore={onMore}
      keyOf={(o) => o.orderId}
      render={(o) => (
        <>
          <OrderCard order={o} />
          {actions?.(o)}
        </>
      )}
    />
  )
}
