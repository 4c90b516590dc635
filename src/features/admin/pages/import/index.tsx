import { View, Text } from '@tarojs/components'
import { Page } from '../../../../components/Page'

/** Placeholder: being built (issue #4). */
export default function Index() {
  return (
    <Page label='批量导入楼栋'>
      <View className='card'>
        <Text className='t-title'>批量导入楼栋</Text>
      </View>
    </Page>
  )
}
