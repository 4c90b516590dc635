import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { VoucherView } from '@core/market/api'
import { voucherMachine } from '@core/market/machine'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { VoucherCard } from '../../components/VoucherCard'
import { MARKET_URL } from '../../labels'
import '../../market.scss'

/**
 * 我的兑换券: newest first; each with its code (big, read out one character at a time), expiry and,
 * while it can be picked up, the QR to show the staff and 取消兑换 (asked twice; points refunded).
 * Used, expired and cancelled ones stay listed, greyed, with their label.
 */
export default function MyVouchersPage() {
  const { items, cursor, error, more, reload } = usePages('vouchers', (c) =>
    callApi('market.vouchers', c ? { cursor: c } : {}),
  )
  /** Cancelled here (the answer of market.cancel), shown over the loaded page until the next reload. */
  const [changed, setChanged] = useState<Readonly<Record<string, VoucherView>>>({})
  const [confirming, setConfirming] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  usePullDownRefresh(() => {
    setChanged({})
    reload()
    void Taro.stopPullDownRefresh()
  })

  const cancel = async (v: VoucherView) => {
    setBusy(true)
    setMessage(null)
    try {
      const after = await callApi('market.cancel', { voucherId: v.voucherId })
      setChanged((cur) => ({ ...cur, [after.voucherId]: after }))
      setConfirming(null)
      setMessage(`已取消兑换“${after.itemName}”，${after.price} 积分已退回`)
    } catch (e) {
      setMessage(failureCopy(e, '取消失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const shown = items?.map((v) => changed[v.voucherId] ?? v) ?? null
  return (
    <Page label="我的兑换券">
      <Button className="btn" type="primary" block onClick={() => void Taro.navigateTo({ url: MARKET_URL })}>
        去爱心超市兑换
      </Button>
      {(message ?? error) && (
        <View className="card" ariaRole={error && !message ? 'alert' : 'status'}>
          <Text className="t-body">{message ?? error}</Text>
        </View>
      )}
      <PagedList
        label="我的兑换券"
        items={shown}
        cursor={cursor}
        empty="您还没有兑换券。积分可以在爱心超市兑换物品和服务。"
        onMore={more}
        keyOf={(v) => v.voucherId}
        render={(v) => (
          <VoucherCard voucher={v} withQr>
            {voucherMachine.movesFor(v.status, 'holder').includes('cancel') && (
              <View className="market__actions">
                {confirming === v.voucherId ? (
                  <>
                    <Text className="t-body">取消后积分退回，这张兑换券作废。确定取消吗？</Text>
                    <Button
                      className="btn"
                      type="primary"
                      disabled={busy}
                      onClick={() => void cancel(v)}
                      ariaLabel={`确认取消兑换${v.itemName}`}
                    >
                      确认取消兑换
                    </Button>
                    <Button className="btn" disabled={busy} onClick={() => setConfirming(null)}>
                      不取消
                    </Button>
                  </>
                ) : (
                  <Button
                    className="btn"
                    onClick={() => setConfirming(v.voucherId)}
                    ariaLabel={`取消兑换${v.itemName}`}
                  >
                    取消兑换
                  </Button>
                )}
              </View>
            )}
          </VoucherCard>
        )}
      />
    </Page>
  )
}
