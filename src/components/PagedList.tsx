import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Button } from './ui'

interface Props<T> {
  /** Read out as the list's name. */
  readonly label: string
  /** null while the first page loads. */
  readonly items: readonly T[] | null
  readonly cursor: string | null
  readonly empty: string
  readonly onMore: () => void
  readonly keyOf: (item: T) => string
  /** One item: its card and any buttons under it. */
  readonly render: (item: T) => ReactNode
}

/**
 * A cursor-paged list (see hooks/use-pages.ts): a list of list items only — loading, empty and
 * "加载更多" sit outside it, so screen readers hear a well-formed list.
 */
export function PagedList<T>({ label, items, cursor, empty, onMore, keyOf, render }: Props<T>) {
  return (
    <View>
      {items === null && <Text className="t-muted">正在加载…</Text>}
      {items?.length === 0 && (
        <View className="card">
          <Text className="t-body">{empty}</Text>
        </View>
      )}
      {items && items.length > 0 && (
        <View ariaRole="list" ariaLabel={label}>
          {items.map((item) => (
            <View key={keyOf(item)} ariaRole="listitem">
              {render(item)}
            </View>
          ))}
        </View>
      )}
      {cursor && (
        <Button className="btn" block onClick={onMore}>
          加载更多
        </Button>
      )}
    </View>
  )
}
