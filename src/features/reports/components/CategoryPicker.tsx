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

/** 遇到了什么问题？ The community's categories as big radio tiles, hazards edged in warning colour. */
export function CategoryPicker({ categories, failed, selected, onPick }: Props) {
  return (
    <>
      <Text className="t-body report__label">遇到了什么问题？</Text>
      {categories === null && !failed && <Text className="t-muted">正在加载类别…</Text>}
      <View className="report__grid" ariaRole="radiogroup" ariaLabel="问题类别">
        {categories?.map((c) => (
          <View
            key={c.id}
            className={`report__cat btn${selected?.id === c.id ? ' report__cat--on' : ''}${c.hazard ? ' report__cat--hazard' : ''}`}
            ariaRole="radio"
            ariaLabel={c.hint ? `${c.name}，${c.hint}` : c.name}
            {...checked(selected?.id === c.id)}
            onClick={() => onPick(c)}
          >
            <Text className="t-body">{c.name}</Text>
            {c.hint ? (
              <View>
                <Text className="t-muted">{c.hint}</Text>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </>
  )
}
