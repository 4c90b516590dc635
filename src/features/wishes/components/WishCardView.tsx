import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { WishCard } from '@core/wishes/api'
import { detailUrl } from '../api'

const OPEN = new Set(['published', 'pending'])

/** One wish on the wall: its number, what is wished, where (as staff chose), its points, who claimed it or its story. */
export function WishCardView({ w }: { readonly w: WishCard }) {
  const kind = w.kind === 'suggestion' ? '建议' : '心愿'
  return (
    <View
      className="card wish-card"
      ariaRole="link"
      onClick={() => void Taro.navigateTo({ url: detailUrl(w.wishId) })}
    >
      <View className="wish-card__head">
        <Text className="t-title">{w.title}</Text>
        <Text className={OPEN.has(w.status) ? 'wish-status wish-status--open' : 'wish-status'}>
          {w.statusLabel}
        </Text>
      </View>
      <View>
        <Text className="t-body">{w.summary}</Text>
      </View>
      <View>
        <Text className="t-muted">
          {[w.no ? `${kind}编号 ${w.no}` : kind, w.placeShown, w.points > 0 ? `${w.points} 积分` : null]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </View>
      {w.claimedBy && !w.story && (
        <View>
          <Text className="t-muted">认领：{w.claimedBy}</Text>
        </View>
      )}
      {w.story && (
        <View className="wish__story">
          <Text className="t-body">{w.story}</Text>
        </View>
      )}
    </View>
  )
}
