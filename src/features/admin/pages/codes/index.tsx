import { View, Text } from '@tarojs/components'
import { Page } from '../../../../components/Page'

/** Placeholder: being built (issue #4). */
export default function Index() {
  return (
    <Page label='楼栋二维码'>
      <View className='card'>
        <Text className='t-title'>楼栋二维码</Text>
      </View>
    </Page>
  )
}
