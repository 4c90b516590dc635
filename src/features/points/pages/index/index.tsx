import { View, Text } from '@tarojs/components'
import { Page } from '../../../../components/Page'

/** Entry of the points subpackage; the feature is built in its own issue. */
export default function Index() {
  return (
    <Page label='爱心积分'>
      <View className='card'>
        <Text className='t-title'>爱心积分</Text>
        <View>
          <Text className='t-body'>参加志愿活动、帮助邻居即可获得爱心积分，在爱心超市兑换物品。</Text>
        </View>
        <View>
          <Text className='t-muted'>此功能正在建设中，敬请期待。</Text>
        </View>
      </View>
    </Page>
  )
}
