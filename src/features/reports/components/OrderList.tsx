import type { OrderSummary } from '@core/orders/api'
import { PagedList } from '../../../components/PagedList'
import { OrderCard } from './OrderCard'

interface Props {
  readonly items: readonly OrderSummary[] | null
  readonly cursor: string | null
  readonly empty: string
  readonly onMore: () => void
  /** The card's own buttons (e.g. 接单 in the inbox), drawn inside its card. */
  readonly actions?: (o: OrderSummary) => React.ReactNode
  /** Safety hazards to mark (inbox). */
  readonly hazard?: (o: OrderSummary) => boolean
  /** An order's clock text (inbox). */
  readonly clock?: (o: OrderSummary) => string | null
}

/** A page of orders. */
export function OrderList({ items, cursor, empty, onMore, actions, hazard, clock }: Props) {
  return (
    <PagedList
      label="工单列表"
      items={items}
      cursor={cursor}
      empty={empty}
      onMore={onMore}
      keyOf={(o) => o.orderId}
      render={(o) => (
        <OrderCard
          order={o}
          hazard={hazard?.(o) ?? false}
          clock={clock?.(o) ?? null}
          actions={actions?.(o) ?? null}
        />
      )}
    />
  )
}
