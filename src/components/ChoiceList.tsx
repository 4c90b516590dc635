import { View, Text } from '@tarojs/components'
import './ChoiceList.scss'

interface Option {
  readonly id: string
  readonly name: string
}

interface ChoiceListProps {
  readonly label: string
  readonly options: readonly Option[]
  readonly selected: string | null
  readonly onSelect: (option: Option) => void
}

/** Taro maps `ariaChecked` to WeChat's aria-checked (and to the DOM attribute on H5); its typings lack it. */
const checked = (on: boolean) => ({ ariaChecked: on }) as object

/** Big, tappable choices (elder friendly, no tiny native picker); announced as a radio group. */
export function ChoiceList({ label, options, selected, onSelect }: ChoiceListProps) {
  return (
    <View className="choice" ariaRole="radiogroup" ariaLabel={label}>
      <Text className="t-body choice__label">{label}</Text>
      <View className="choice__options">
        {options.map((o) => (
          <View
            key={o.id}
            className={o.id === selected ? 'choice__option btn choice__option--on' : 'choice__option btn'}
            ariaRole="radio"
            {...checked(o.id === selected)}
            onClick={() => onSelect(o)}
          >
            {o.name}
          </View>
        ))}
      </View>
    </View>
  )
}
