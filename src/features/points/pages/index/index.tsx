import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { LedgerLine } from '@core/points/api'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { shortTime } from '../../labels'
import { Notice } from '../../../../components/Notice'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import '../../points.scss'

const signed = (n: number) => (n > 0 ? `+${n}` : `−${Math.abs(n)}`)

/** 我的爱心卡: balance and ledger lines (newest first, 20 a page) with what each was for. */
export default function MyPointsPage() {
  const [balance, setBalance] = useState<number | null>(null)
  const [lines, setLines] = useState<readonly LedgerLine[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  const load = useCallback((more?: string | null) => {
    callApi('points.mine', more ? { cursor: more } : {}).then(
      (p) => {
        setBalance(p.balance)
        setLines((cur) => (more && cur ? [...cur, ...p.lines] : p.lines))
        setCursor(p.cursor)
        setMessage(null)
      },
      (e: unknown) => setMessage(failureCopy(e, '加载失败，请下拉重试')),
    )
  }, [])
  // Every time the card is shown: coming back from 转赠积分 or the supermarket shows the new balance.
  useDidShow(() => load())
  usePullRefresh(load)

  return (
    <Page label="我的爱心卡">
      <View className="card" ariaRole="region" ariaLabel="爱心积分余额">
        <Text className="t-body">爱心积分余额</Text>
        <View>
          <Text className="points__balance">{balance === null ? '—' : `${balance} 分`}</Text>
        </View>
        <View>
          <Text className="t-muted">帮助邻居、参加志愿活动可获得积分，可在爱心超市兑换物品。</Text>
        </View>
        <View className="points__actions">
          <Button
            className="btn"
            onClick={() => void Taro.navigateTo({ url: '/features/market/pages/index/index' })}
          >
            去爱心超市兑换
          </Button>
          <Button
            className="btn"
            onClick={() => void Taro.navigateTo({ url: '/features/points/pages/give/index' })}
          >
            转赠积分
          </Button>
        </View>
      </View>
      <View className="card" ariaRole="region" ariaLabel="志愿时长">
        <Text className="t-body">志愿时长</Text>
        <View>
          <Text className="t-muted">参加志愿活动、经社区确认后记录时长，可打印志愿服务记录。</Text>
        </View>
        <Button
          className="btn"
          block
          onClick={() => void Taro.navigateTo({ url: '/features/points/pages/hours/index' })}
        >
          查看我的志愿服务记录
        </Button>
      </View>
      <Notice text={message} />
      {lines === null && !message && <Text className="t-muted">正在加载…</Text>}
      {lines?.length === 0 && (
        <View className="card">
          <Text className="t-body">还没有积分记录。帮邻居办一件小事，就能得到爱心积分。</Text>
        </View>
      )}
      {lines && lines.length > 0 && (
        <View className="card">
          <Text className="t-title">积分明细</Text>
          <View ariaRole="list" ariaLabel="积分明细">
            {lines.map((l, i) => (
              <View key={`${l.transferId}-${i}`} className="points__line" ariaRole="listitem">
                <View>
                  <Text className="t-body">
                    {l.label}
                    {l.reason ? `：${l.reason}` : ''}
                  </Text>
                  <View>
                    <Text className="t-muted">
                      {shortTime(l.at)} · 余额 {l.balanceAfter} 分{l.reverses ? ' · 更正' : ''}
                    </Text>
                  </View>
                </View>
                <Text className={l.delta >= 0 ? 'points__plus' : 'points__minus'}>{signed(l.delta)}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
      {cursor && (
        <Button className="btn" block onClick={() => load(cursor)}>
          加载更多
        </Button>
      )}
    </Page>
  )
}
