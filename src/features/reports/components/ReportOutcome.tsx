import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReportReceipt } from '@core/orders/api'
import { Page } from '../../../components/Page'
import { Button } from '../../../components/ui'
import { detailUrl, StatusLabel } from '../labels'
import { subscribeFromTap, templateIdOf } from '../subscribe'

export const MINE_URL = '/features/reports/pages/mine/index'

interface SentProps {
  readonly receipt: ReportReceipt
  readonly notice: string | null
  readonly setNotice: (notice: string | null) => void
  readonly onAnother: () => void
}

/** 已提交: shown only once the function has answered with a receipt. */
export function ReportSent({ receipt: r, notice, setNotice, onAnother }: SentProps) {
  const progressIds = templateIdOf('orderProgress')
  return (
    <Page label="上报结果">
      <View className="card" ariaRole="status">
        <Text className="t-title report__status--ok">已提交</Text>
        <View>
          <Text className="t-body">
            {r.held ? '已收到，内容需网格员审核后公开。' : '网格员会尽快接单处理，事事有回音。'}当前状态：
            {StatusLabel[r.status]}
          </Text>
        </View>
        <View className="report__actions">
          <Button
            className="btn"
            type="primary"
            onClick={() => void Taro.redirectTo({ url: detailUrl(r.orderId) })}
          >
            查看办理进度
          </Button>
          {progressIds.length > 0 && (
            <Button
              className="btn"
              onClick={() =>
                void subscribeFromTap(
                  progressIds,
                  '已订阅：办理有进展时微信通知您',
                  '未订阅，您可在“我的上报”查看进度',
                ).then(setNotice)
              }
            >
              订阅处理进度
            </Button>
          )}
          <Button className="btn" onClick={onAnother}>
            再报一件
          </Button>
        </View>
        {notice && (
          <View ariaRole="alert">
            <Text className="t-body">{notice}</Text>
          </View>
        )}
      </View>
    </Page>
  )
}

interface PendingProps {
  /** null while the first attempt is on its way */
  readonly pending: { readonly draftId: string; readonly copy: string | null } | null
  readonly busy: boolean
  readonly onRetry: (draftId: string) => void
}

/** 正在提交… / 待发送: the report is saved on the phone and retried until the server answers. */
export function ReportPending({ pending, busy, onRetry }: PendingProps) {
  return (
    <Page label="上报结果">
      <View className="card" ariaRole="status">
        {pending === null ? (
          <Text className="t-title">正在提交…</Text>
        ) : (
          <>
            <Text className="t-title report__status--wait">待发送（网络恢复后自动提交）</Text>
            <View>
              <Text className="t-body">
                上报内容已保存在手机上，不会丢失。网络恢复或再次打开小程序时会自动提交，提交成功后显示“已提交”。
              </Text>
            </View>
            {pending.copy && (
              <View>
                <Text className="t-muted">{pending.copy}</Text>
              </View>
            )}
            <View className="report__actions">
              <Button className="btn" type="primary" disabled={busy} onClick={() => onRetry(pending.draftId)}>
                立即重试
              </Button>
              <Button className="btn" onClick={() => void Taro.redirectTo({ url: MINE_URL })}>
                查看我的上报
              </Button>
            </View>
          </>
        )}
      </View>
    </Page>
  )
}
