import { View, Text } from '@tarojs/components'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'

export type IntakeChannel = 'phone' | 'walk_in'

interface Props {
  readonly name: string
  readonly setName: (v: string) => void
  readonly phone: string
  readonly setPhone: (v: string) => void
  readonly channel: IntakeChannel
  readonly setChannel: (c: IntakeChannel) => void
  /** Typing clears the form's message. */
  readonly onEdit: () => void
}

/** 代居民登记: who phoned or walked in (staff register the report for them). */
export function IntakeFields({ name, setName, phone, setPhone, channel, setChannel, onEdit }: Props) {
  return (
    <View className="card">
      <Text className="t-title">代居民登记</Text>
      <Field
        label="居民姓名"
        value={name}
        onInput={(v) => {
          setName(v)
          onEdit()
        }}
        maxlength={20}
        placeholder="来电或来访居民的姓名"
      />
      <Field
        label="联系电话（选填）"
        value={phone}
        onInput={(v) => {
          setPhone(v)
          onEdit()
        }}
        type="number"
        maxlength={11}
      />
      <ChoiceList
        label="登记方式"
        options={[
          { id: 'phone', name: '电话' },
          { id: 'walk_in', name: '上门' },
        ]}
        selected={channel}
        onSelect={(o) => setChannel(o.id as IntakeChannel)}
      />
    </View>
  )
}
