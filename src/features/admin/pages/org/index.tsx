import { View, Text } from '@tarojs/components'
import { Page } from '../../../../components/Page'

/** Placeholder: being built (issue #4). */
export default function Index() {
  return (
    <Page label='网格管理'>
      <View className='card'>
        <Text className='t-title'>网格管理</Text>
      </View>
    </Page>
  )
}
