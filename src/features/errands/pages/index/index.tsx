import { View, Text } from '@tarojs/components'
import { Page } from '../../../../components/Page'

/** Entry of the errands subpackage; the feature is built in its own issue. */
export default function Index() {
  return (
    <Page label='邻里互助'>
      <View className='card'>
        <Text className='t-title'>邻里互助</Text>
        <View>
          <Text className='t-body'>代收快递、代买米菜、代接孩子：发布小事，党员帮办和志愿者邻居来帮忙。</Text>
        </View>
        <View>
          <Text className='t-muted'>此功能正在建设中，敬请期待。</Text>
        </View>
      </View>
    </Page>
  )
}
