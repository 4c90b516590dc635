import { View, Text } from '@tarojs/components'

interface Props {
  /** Nothing is drawn while there is no text. */
  readonly text: string | null | undefined
  /** `alert`: what went wrong or what is not allowed; `status`: what just happened. Read out when it appears. */
  readonly role?: 'alert' | 'status'
  /** Extra classes of the text, after `t-body`. */
  readonly textClass?: string
}

/** A card with one message that screen readers announce: the pages' errors, refusals and confirmations. */
export function Notice({ text, role = 'alert', textClass }: Props) {
  if (!text) return null
  return (
    <View className="card" ariaRole={role}>
      <Text className={textClass ? `t-body ${textClass}` : 't-body'}>{text}</Text>
    </View>
  )
}
