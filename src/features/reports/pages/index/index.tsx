import { View, Text } from '@tarojs/components'
import { Page } from '../../../../components/Page'

/** Entry of the reports subpackage; the feature is built in its own issue. */
export default function Index() {
  return (
    <Page label='一键上报'>
      <View className='card'>
        <Text className='t-title'>一键上报</Text>
        <View>
          <Text className='t-body'>发现身边的安全隐患、设施损坏、环境问题，一键上报给网格员，事事有回音。</Text>
        </View>
        <View>
          <Text className='t-muted'>此功能正在建设中，敬请期待。</Text>
        </View>
      </View>
    </Page>
  )
}
