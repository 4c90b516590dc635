import type { ErrandCard as Card } from '@core/errands/api'
import { PagedList } from '../../../components/PagedList'
import { ErrandCard } from './ErrandCard'

interface Props {
  readonly label: string
  readonly items: readonly Card[] | null
  readonly cursor: string | null
  readonly empty: string
  readonly onMore: () => void
  /** Extra buttons under a card (接单 on the board). */
  readonly actions?: (e: Card) => React.ReactNode
  /** Every item is one of my own requests. */
  readonly mine?: boolean
}

/** A page of errands. */
export function ErrandList({ label, items, cursor, empty, onMore, actions, mine = false }: Props) {
  return (
    <PagedList
      label={label}
      items={items}
      cursor={cursor}
      empty={empty}
      onMore={onMore}
      keyOf={(e) => e.errandId}
      render={(e) => (
        <>
          <ErrandCard errand={e} mine={mine} />
          {actions?.(e)}
        </>
      )}
    />
  )
}
