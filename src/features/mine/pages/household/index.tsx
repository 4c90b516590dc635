import { View, Text } from '@tarojs/components'
import { Page } from '../../../../components/Page'

/** Placeholder: being built (issue #4). */
export default function Index() {
  return (
    <Page label='我的家庭'>
      <View className='card'>
        <Text className='t-title'>我的家庭</Text>
      </View>
    </Page>
  )
}
