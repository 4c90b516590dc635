import { View, Text } from '@tarojs/components'
import { Page } from '../../../../components/Page'

/** Placeholder: being built (issue #4). */
export default function Index() {
  return (
    <Page label='志愿服务资料'>
      <View className='card'>
        <Text className='t-title'>志愿服务资料</Text>
      </View>
    </Page>
  )
}
