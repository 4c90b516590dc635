import { View } from '@tarojs/components'
import './Tabs.scss'

/** Taro maps `ariaChecked` to WeChat's aria-checked (and to the DOM attribute on H5); its typings lack it. */
const selectedProp = (on: boolean) => ({ ariaChecked: on }) as object

/**
 * Big tabs (≥ 60 px in elder mode). Announced as a radio group: the H5 platform layer makes radios
 * keyboard-reachable (src/services/platform.h5.ts), tabs it does not know.
 */
export function Tabs<T extends string>({
  label,
  tabs,
  value,
  onChange,
}: {
  readonly label: string
  readonly tabs: readonly { readonly id: T; readonly name: string }[]
  readonly value: T
  readonly onChange: (id: T) => void
}) {
  return (
    <View className="tabs" ariaRole="radiogroup" ariaLabel={label}>
      {tabs.map((t) => (
        <View
          key={t.id}
          className={t.id === value ? 'tabs__tab tabs__tab--on btn' : 'tabs__tab btn'}
          ariaRole="radio"
          {...selectedProp(t.id === value)}
          onClick={() => onChange(t.id)}
        >
          {t.name}
        </View>
      ))}
    </View>
  )
}
