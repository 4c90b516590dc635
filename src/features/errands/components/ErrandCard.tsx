import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ErrandCard as Card } from '@core/errands/api'
import { detailUrl, windowText } from '../labels'

/**
 * One errand in a list; the whole card opens its detail (one big target, named by all its visible
 * text). `mine`: the list holds my own requests, so the requester is 我 (the function sends my own
 * name whole, and everyone else's masked in lists: 王**).
 */
export function ErrandCard({ errand, mine = false }: { readonly errand: Card; readonly mine?: boolean }) {
  return (
    <View
      className="card errand-card btn"
      ariaRole="link"
      onClick={() => void Taro.navigateTo({ url: detailUrl(errand.errandId) })}
    >
      <View className="errand-card__head">
        <Text className="t-title">{errand.typeLabel}</Text>
        <Text className={errand.status === 'open' ? 'errand-status errand-status--open' : 'errand-status'}>
          {errand.statusLabel}
        </Text>
      </View>
      <View>
        <Text className="t-body">{errand.text}</Text>
      </View>
      <View>
        <Text className="t-body">{windowText(errand.windowStart, errand.windowEnd)}</Text>
      </View>
      <View>
        <Text className="t-muted">
          {errand.buildingName} · {mine ? '我' : errand.requesterName} · 完成可得 {errand.points} 爱心积分
        </Text>
      </View>
    </View>
  )
}
