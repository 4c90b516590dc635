import { View, Text } from '@tarojs/components'
import type { SimilarOrder } from '@core/orders/api'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { Button } from '../../../components/ui'
import { StatusLabel } from '../labels'

interface Props {
  readonly items: readonly SimilarOrder[]
  readonly error: string | null
  readonly busy: boolean
  readonly onFollow: (item: SimilarOrder) => void
  readonly onSendAnyway: () => void
  readonly onBack: () => void
}

/** 是同一个问题吗？ Open orders of the same problem nearby, offered before a new report goes out. */
export function SimilarOrders({ items, error, busy, onFollow, onSendAnyway, onBack }: Props) {
  return (
    <Page label="是同一个问题吗">
      <View className="card">
        <Text className="t-title">是同一个问题吗？</Text>
        <View>
          <Text className="t-body">
            附近已有邻居反映了同类问题。关注它，可在“我的上报”中查看办理进展，不用重复上报。
          </Text>
        </View>
      </View>
      <Notice text={error} />
      {items.map((s) => (
        <View
          key={s.orderId}
          className="card"
          ariaRole="region"
          ariaLabel={`${s.categoryName}：${s.summary}`}
        >
          <Text className="t-title">{s.categoryName}</Text>
          <View>
            <Text className="t-body">{s.summary}</Text>
          </View>
          <View>
            <Text className="t-muted">
              {s.placeName} · {StatusLabel[s.status]} · {s.followers} 人关注
            </Text>
          </View>
          <View className="report__actions">
            <Button className="btn" type="primary" disabled={busy} onClick={() => onFollow(s)}>
              是同一个问题，关注它
            </Button>
          </View>
        </View>
      ))}
      <View className="report__actions">
        <Button className="btn" block disabled={busy} onClick={onSendAnyway}>
          不是，继续提交我的上报
        </Button>
        <Button className="btn" block onClick={onBack}>
          返回修改
        </Button>
      </View>
    </Page>
  )
}
