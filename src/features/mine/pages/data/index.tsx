import { View, Text } from '@tarojs/components'
import { Page } from '../../../../components/Page'

/** Placeholder: being built (issue #4). */
export default function Index() {
  return (
    <Page label='我的个人信息'>
      <View className='card'>
        <Text className='t-title'>我的个人信息</Text>
      </View>
    </Page>
  )
}
