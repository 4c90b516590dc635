import { Text, View } from '@tarojs/components'
import '../../../components/ChoiceList.scss'

/** Taro maps `ariaChecked` to WeChat's aria-checked (and to the DOM attribute on H5); its typings lack it. */
const checked = (on: boolean) => ({ ariaChecked: on }) as object

/** Big tappable ticks (the accessories at pickup and return): a group of checkboxes, elder friendly. */
export function CheckList({
  label,
  options,
  ticked,
  onChange,
}: {
  readonly label: string
  readonly options: readonly string[]
  readonly ticked: readonly string[]
  readonly onChange: (next: string[]) => void
}) {
  if (options.length === 0) return <Text className="t-muted">这件物品没有配件</Text>
  return (
    <View className="choice" ariaRole="group" ariaLabel={label}>
      <Text className="t-body choice__label">{label}</Text>
      <View className="choice__options">
        {options.map((o) => {
          const on = ticked.includes(o)
          return (
            <View
              key={o}
              className={on ? 'choice__option btn choice__option--on' : 'choice__option btn'}
              ariaRole="checkbox"
              {...checked(on)}
              onClick={() => onChange(on ? ticked.filter((t) => t !== o) : [...ticked, o])}
            >
              {on ? `✓ ${o}` : o}
            </View>
          )
        })}
      </View>
    </View>
  )
}
