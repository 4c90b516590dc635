import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { MarketItem, VoucherView } from '@core/market/api'
import { MarketErrors } from '@core/market/errors'
import { PointsErrors } from '@core/points/errors'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { failureCopy, ServiceError } from '../../../../services/cloud'
import { callApi } from '../../api'
import { newRequestId } from '../../../../services/request-id'
import { VoucherCard } from '../../components/VoucherCard'
import { KIND_LABEL, VOUCHERS_URL, cannotRedeem, stockText } from '../../labels'
import { Notice } from '../../../../components/Notice'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import '../../market.scss'

/** A redemption being confirmed: its request id is made once and kept for every retry of it. */
interface Confirming {
  readonly item: MarketItem
  readonly requestId: string
}

/** Failures that mean the list on screen is out of date. */
const STALE: ReadonlySet<string> = new Set<string>([
  MarketErrors.OUT_OF_STOCK,
  MarketErrors.ITEM_NOT_FOUND,
  PointsErrors.INSUFFICIENT,
])

/** Taro passes `ariaModal` through (H5: aria-modal); its View typings lack it. */
const modal = { ariaModal: true } as object

/**
 * 爱心超市: my balance, the catalogue of my community (物品 / 服务 with price and stock), and 兑换:
 * confirm "用 N 积分兑换 X？" → market.redeem (idempotent on a request id kept across retries) →
 * the voucher's code shown big, with a link to 我的兑换券.
 */
export default function MarketPage() {
  const [balance, setBalance] = useState<number | null>(null)
  const { items, cursor, error, more, reload } = usePages('market', async (c) => {
    const page = await callApi('market.items', c ? { cursor: c } : {})
    setBalance(page.balance)
    return page
  })
  const [confirming, setConfirming] = useState<Confirming | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [voucher, setVoucher] = useState<VoucherView | null>(null)
  usePullRefresh(reload)

  const ask = (item: MarketItem) => {
    setFailure(null)
    setConfirming({ item, requestId: newRequestId() })
  }
  const redeem = async () => {
    if (!confirming) return
    setBusy(true)
    setFailure(null)
    try {
      const v = await callApi('market.redeem', {
        itemId: confirming.item.itemId,
        requestId: confirming.requestId,
      })
      setVoucher(v)
      setConfirming(null)
      reload()
    } catch (e) {
      setFailure(failureCopy(e, '兑换失败，请重试'))
      // Stock or balance moved under us: show the catalogue as it is now.
      if (e instanceof ServiceError && STALE.has(e.code)) reload()
    } finally {
      setBusy(false)
    }
  }
  const toVouchers = () => void Taro.navigateTo({ url: VOUCHERS_URL })

  if (voucher) {
    return (
      <Page label="爱心超市">
        <View className="card" ariaRole="status">
          <Text className="t-title">{voucher.retried ? '这件已经兑换过了，兑换券如下' : '兑换成功'}</Text>
          <View>
            <Text className="t-body">领取时请出示兑换码或二维码，由社区工作人员核销。</Text>
          </View>
        </View>
        <VoucherCard voucher={voucher} withQr />
        <View className="market__actions">
          <Button className="btn" type="primary" onClick={toVouchers}>
            我的兑换券
          </Button>
          <Button className="btn" onClick={() => setVoucher(null)}>
            继续兑换
          </Button>
        </View>
      </Page>
    )
  }

  return (
    <Page label="爱心超市">
      <View className="card" ariaRole="region" ariaLabel="我的积分">
        <View className="market__head">
          <Text className="t-body">我的积分</Text>
          <Text className="market__balance">{balance === null ? '—' : `${balance} 分`}</Text>
        </View>
        <View>
          <Text className="t-muted">帮助邻居、参加志愿活动得到的积分，可以在这里兑换物品和服务。</Text>
        </View>
        <View className="market__actions">
          <Button className="btn" onClick={toVouchers}>
            我的兑换券
          </Button>
        </View>
      </View>
      <Notice text={error} />
      <PagedList
        label="可兑换的物品和服务"
        items={items}
        cursor={cursor}
        empty="爱心超市暂时没有可兑换的物品，请稍后再来看看。"
        onMore={more}
        keyOf={(i) => i.itemId}
        render={(item) => {
          const why = cannotRedeem(item, balance)
          return (
            <View className="card" ariaRole="group" ariaLabel={item.name}>
              <View className="market__head">
                <Text className="t-title">{item.name}</Text>
                <Text className="market__status">{KIND_LABEL[item.kind]}</Text>
              </View>
              {item.description && (
                <View>
                  <Text className="t-body">{item.description}</Text>
                </View>
              )}
              <View>
                <Text className="t-body market__price">{`${item.price} 积分`}</Text>
                <Text className="t-muted">{` · ${stockText(item.stock)}`}</Text>
              </View>
              <View className="market__actions">
                <Button
                  className="btn"
                  disabled={why !== null}
                  onClick={() => ask(item)}
                  ariaLabel={`兑换${item.name}`}
                >
                  兑换
                </Button>
              </View>
              {why && <Text className="t-muted market__reason">{why}</Text>}
            </View>
          )
        }}
      />
      {confirming && (
        <View className="market__mask">
          <View className="card market__dialog" ariaRole="alertdialog" ariaLabel="确认兑换" {...modal}>
            <Text className="t-title">{`用 ${confirming.item.price} 积分兑换${confirming.item.name}？`}</Text>
            <View>
              <Text className="t-muted">兑换后请在有效期内到社区领取；未领取的会自动退回积分。</Text>
            </View>
            {failure && (
              <View ariaRole="alert">
                <Text className="t-body market__error">{failure}</Text>
              </View>
            )}
            <View className="market__actions">
              <Button
                className="btn"
                type="primary"
                loading={busy}
                disabled={busy}
                onClick={() => void redeem()}
              >
                {failure ? '重试' : '确认兑换'}
              </Button>
              <Button className="btn" disabled={busy} onClick={() => setConfirming(null)}>
                取消
              </Button>
            </View>
          </View>
        </View>
      )}
    </Page>
  )
}
