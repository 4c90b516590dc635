import { View, Text } from '@tarojs/components'
import { Page } from '../../../../components/Page'

/** Placeholder: being built (issue #4). */
export default function Index() {
  return (
    <Page label='人员与角色'>
      <View className='card'>
        <Text className='t-title'>人员与角色</Text>
      </View>
    </Page>
  )
}
