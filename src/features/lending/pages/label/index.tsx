import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { LabelView } from '@core/lending/api'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { callApi } from '../../api'
import '../../lending.scss'

const imgRole = { ariaRole: 'img' } as object
const printSupported = typeof window !== 'undefined' && typeof window.print === 'function'

/**
 * 物品标签: the item's mini-program code (made once through the same wxacode path as the building
 * codes) with its name and 8-character code, to print and stick on the item. Scanning it opens
 * the item; at the desk the code can also be typed.
 */
export default function LabelPage() {
  const id = useRouter().params.id ?? ''
  const { data, message } = usePageData<LabelView>(
    `lending.label:${id}`,
    () => (id ? callApi('lending.label', { itemId: id }) : null),
    {
      missing: '请从物品详情进入',
    },
  )
  return (
    <Page className="lend" label="物品标签">
      <Notice text={message} />
      {data && (
        <View className="card lend__label-sheet" data-code={data.code} data-scene={data.scene}>
          {data.imageUrl ? (
            <Image
              className="lend__qr"
              src={data.imageUrl}
              mode="aspectFit"
              showMenuByLongpress
              {...imgRole}
              ariaLabel={`${data.name} 物品二维码`}
            />
          ) : (
            <Text className="t-muted">二维码生成中，请稍后刷新</Text>
          )}
          <Text className="t-title">{`百宝屋 · ${data.name}`}</Text>
          <Text className="t-body">{`物品码 ${data.code}`}</Text>
          <Text className="t-muted">{`存放：${data.location} · 微信扫码预约借用`}</Text>
          {printSupported ? (
            <Button className="btn no-print" type="primary" onClick={() => window.print()}>
              打印
            </Button>
          ) : (
            <Text className="t-muted">小程序内不能直接打印，可长按二维码保存到相册后打印。</Text>
          )}
        </View>
      )}
    </Page>
  )
}
