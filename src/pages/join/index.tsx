import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Page } from '../../components/Page'

/**
 * 扫码入格. The building code's `scene` arrives as a page parameter (decoded). The join flow itself
 * (privacy consent, household, approval) is built in the scan-to-join issue.
 */
export default function JoinPage() {
  const { params } = useRouter()
  const scene = params.scene ? decodeURIComponent(params.scene) : ''
  return (
    <Page label='加入网格'>
      <View className='card'>
        <Text className='t-title'>加入我的网格</Text>
        <View>
          <Text className='t-body'>
            {scene ? `已识别楼栋码：${scene}` : '请扫描楼栋门口张贴的小程序码，加入您所在的网格。'}
          </Text>
        </View>
        <View>
          <Text className='t-muted'>扫码入格功能正在建设中，敬请期待。</Text>
        </View>
      </View>
    </Page>
  )
}
