import { View, Text } from '@tarojs/components'
import type { ErrandCard as Card } from '@core/errands/api'
import { Button } from '../../../components/ui'
import { ErrandCard } from './ErrandCard'

interface Props {
  readonly label: string
  readonly items: readonly Card[] | null
  readonly cursor: string | null
  readonly empty: string
  readonly onMore: () => void
  /** Extra buttons under a card (接单 on the board). */
  readonly actions?: (e: Card) => React.ReactNode
}

/** A page of errands: a list of list items only (loading, empty and "more" sit outside the list). */
export function ErrandList({ label, items, cursor, empty, onMore, actions }: Props) {
  return (
    <View>
      {items === null && <Text className='t-muted'>正在加载…</Text>}
      {items?.length === 0 && (
        <View className='card'>
          <Text className='t-body'>{empty}</Text>
        </View>
      )}
      {items && items.length > 0 && (
        <View ariaRole='list' ariaLabel={label}>
          {items.map((e) => (
            <View key={e.errandId} ariaRole='listitem'>
              <ErrandCard errand={e} />
              {actions?.(e)}
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
