import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { iconBackground, type IconName } from './icons'
import './QuickAction.scss'

interface QuickActionProps {
  readonly title: string
  readonly hint: string
  /** App path of the target page, e.g. /features/reports/pages/index/index */
  readonly url: string
  /** The tile's icon (components/icons.ts). */
  readonly icon: IconName
}

/**
 * A big tile on the home page that opens a feature. Screen readers announce it as a button named
 * by its visible title and hint (the icon is decoration and hidden from them).
 */
export function QuickAction({ title, hint, url, icon }: QuickActionProps) {
  return (
    <View className="quick-action btn" ariaRole="button" onClick={() => void Taro.navigateTo({ url })}>
      <View
        className="quick-action__icon"
        aria-hidden="true"
        style={{ backgroundImage: iconBackground(icon) }}
      />
      <View className="quick-action__title">{title}</View>
      <View className="quick-action__hint">{hint}</View>
    </View>
  )
}
