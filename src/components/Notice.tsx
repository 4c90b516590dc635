import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'

interface Props {
  /** Nothing is drawn while there is no text. */
  readonly text: string | null | undefined
  /** `alert`: what went wrong or what is not allowed; `status`: a state the page is in. Read out when it appears. */
  readonly role?: 'alert' | 'status'
  /** Extra classes of the text, after `t-body`. */
  readonly textClass?: string
}

/** A card with one message that screen readers announce: the pages' errors, refusals and lasting states. */
export function Notice({ text, role = 'alert', textClass }: Props) {
  if (!text) return null
  return (
    <View className="card" ariaRole={role}>
      <Text className={textClass ? `t-body ${textClass}` : 't-body'}>{text}</Text>
    </View>
  )
}

/**
 * What just happened, said in passing (a WeUI toast): WeChat draws the ✓ icon only over titles of up
 * to 7 characters, a longer one goes without it (up to two lines).
 */
export const toast = (title: string) =>
  void Taro.showToast({ title, icon: [...title].length > 7 ? 'none' : 'success' })
