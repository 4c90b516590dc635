import { Image, Text, View } from '@tarojs/components'
import type { CodeCard } from '@core/codes/api'
import { codeImageLabel } from '@core/codes/model'
import './code-image.scss'

/** Taro passes `ariaRole` through on every component (H5: `role`); its Image typings lack it. */
const imgRole = { ariaRole: 'img' } as object

interface CodeImageProps {
  readonly card: CodeCard
  readonly className?: string
}

/**
 * A code's mini-program code image, labelled for screen readers ("1号楼 入格二维码"). Long-press on
 * WeChat offers to save or forward it. Without an image yet, a placeholder says so.
 */
export function CodeImage({ card, className = '' }: CodeImageProps) {
  const label = codeImageLabel(card.name)
  if (!card.imageUrl) {
    return (
      <View
        className={`code-image code-image--missing ${className}`}
        ariaRole="img"
        ariaLabel={`${card.name} 二维码生成中`}
      >
        <Text className="t-muted">二维码生成中，请稍后刷新</Text>
      </View>
    )
  }
  return (
    <Image
      className={`code-image ${className}`}
      src={card.imageUrl}
      mode="aspectFit"
      showMenuByLongpress
      {...imgRole}
      ariaLabel={label}
      nativeProps={{ alt: label }}
    />
  )
}
