import { View, Text } from '@tarojs/components'
import type { CategoryView } from '@core/orders/api'

/** Taro maps `ariaChecked` to WeChat's aria-checked (and to the DOM attribute on H5); its typings lack it. */
const checked = (on: boolean) => ({ ariaChecked: on }) as object

interface Props {
  /** null while loading */
  readonly categories: readonly CategoryView[] | null
  /** The page shows a message (a failed load): the picker then stops saying it is loading. */
  readonly failed: boolean
  readonly selected: CategoryView | null
  readonly onPick: (c: CategoryView) => void
}

/**
 * 遇到了什么问题？ The community's categories as a WeUI grid on the page (white cells split by
 * hairlines, not boxes in a card). The chosen one is filled and ticked; a safety hazard says 紧急 in
 * warning colour (never colour alone).
 */
export function CategoryPicker({ categories, failed, selected, onPick }: Props) {
  return (
    <>
      <Text className="t-body report__label">遇到了什么问题？</Text>
      {categories === null && !failed && <Text className="t-muted">正在加载类别…</Text>}
      <View className="report__grid" ariaRole="radiogroup" ariaLabel="问题类别">
        {categories?.map((c) => {
          const on = selected?.id === c.id
          return (
            <View
              key={c.id}
              className={`report__cat btn${on ? ' report__cat--on' : ''}`}
              ariaRole="radio"
              ariaLabel={c.hint ? `${c.name}，${c.hint}` : c.name}
              {...checked(on)}
              onClick={() => onPick(c)}
            >
              <View className="report__cat-name">
                {on && <Text className="t-body">✓</Text>}
                <Text className="t-body">{c.name}</Text>
                {c.hazard && <Text className="report__cat-tag">紧急</Text>}
              </View>
              {c.hint ? (
                <View>
                  <Text className="t-muted">{c.hint}</Text>
                </View>
              ) : null}
            </View>
          )
        })}
      </View>
    </>
  )
}
