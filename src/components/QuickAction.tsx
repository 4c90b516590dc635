import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './QuickAction.scss'

interface QuickActionProps {
  readonly title: string
  readonly hint: string
  /** App path of the target page, e.g. /features/reports/pages/index/index */
  readonly url: string
  /** One or two characters drawn as the tile's mark (no icon font needed). */
  readonly mark: string
}

/**
 * A big tile on the home page that opens a feature. Screen readers announce it as a button named
 * by its visible title and hint (the round mark is decoration and hidden from them).
 */
export function QuickAction({ title, hint, url, mark }: QuickActionProps) {
  return (
    <View className="quick-action btn" ariaRole="button" onClick={() => void Taro.navigateTo({ url })}>
      <View className="quick-action__mark" aria-hidden="true">
        {mark}
      </View>
      <Text className="quick-action__title">{title}</Text>
      <Text className="quick-action__hint">{hint}</Text>
    </View>
  )
}
