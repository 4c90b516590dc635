import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from './ui'
import type { HouseholdSummary } from '@core/me/api'

interface MyGridCardProps {
  readonly household: HouseholdSummary | null
}

/** "My grid" on the home page: where I live, or the way to join. */
export function MyGridCard({ household }: MyGridCardProps) {
  if (!household) {
    return (
      <View className="card" ariaRole="region" ariaLabel="我的网格">
        <Text className="t-title">我的网格</Text>
        <View>
          <Text className="t-body">您还没有加入网格。扫描楼栋门口的二维码，或手动选择小区，即可加入。</Text>
        </View>
        <Button
          className="btn"
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: '/pages/join/index' })}
        >
          加入我的网格
        </Button>
      </View>
    )
  }
  return (
    <View className="card" ariaRole="region" ariaLabel="我的网格">
      <Text className="t-title">{household.gridName}</Text>
      <View>
        <Text className="t-body">
          {household.communityName} · {household.buildingName}
          {household.unitName} {household.room}室
        </Text>
      </View>
      <View>
        <Text className="t-muted">{household.streetName}</Text>
      </View>
    </View>
  )
}
