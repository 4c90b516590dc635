import { placeIds } from '@core/access'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import type { CategoryView, OrderSummary } from '@core/orders/api'
import { orderMachine } from '@core/orders/machine'
import { byUrgency, clockText, hazardIds } from '@core/orders/urgency'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy } from '../../../../services/cloud'
import { acceptOrder, callApi } from '../../api'
import { OrderList } from '../../components/OrderList'
import { RatesCard } from '../../components/RatesCard'
import { Tabs } from '../../../../components/Tabs'
import { usePages } from '../../../../hooks/use-pages'
import { INTAKE_URL, detailUrl } from '../../labels'
import { subscribeFromTap, templateIdOf } from '../../subscribe'
import { Notice, toast } from '../../../../components/Notice'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import '../../reports.scss'

type Box = 'new' | 'mine' | 'overdue'
const BOXES: readonly { id: Box; name: string }[] = [
  { id: 'new', name: '待接单' },
  { id: 'mine', name: '我在办' },
  { id: 'overdue', name: '已超时' },
]
const EMPTY: Readonly<Record<Box, string>> = {
  new: '暂无待接单的工单。',
  mine: '您没有正在办理的工单。',
  overdue: '没有超时的工单。',
}

const isBox = (b: string | undefined): b is Box => BOXES.some((x) => x.id === b)
const MINUTE = 60_000

/**
 * 工单处理 (grid worker): new / mine / overdue, accept from the card, subscribe to new-order
 * messages. Each page (20, paged by submit time on the server) is shown most urgent first: late,
 * then safety hazards, then by deadline; every open order shows its clock.
 */
export default function InboxPage() {
  const profile = useProfile()
  const gridId =
    profile.status === 'ready' ? (placeIds(profile.profile.roles, 'grid_worker', 'grid')[0] ?? null) : null
  const communityId =
    profile.status === 'ready'
      ? (placeIds(profile.profile.roles, 'grid_worker', 'community')[0] ?? null)
      : null
  const asked = useRouter().params.box
  const [box, setBox] = useState<Box>(isBox(asked) ? asked : 'new')
  const [categories, setCategories] = useState<readonly CategoryView[]>([])
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    if (!communityId) return
    callApi('report.categories', { communityId }).then(
      (c) => setCategories(c.categories),
      () => setCategories([]), // the default hazards still apply
    )
  }, [communityId])
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), MINUTE)
    return () => clearInterval(t)
  }, [])
  const hazards = useMemo(() => hazardIds(categories), [categories])
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [round, setRound] = useState(0)
  const list = usePages(`${box}:${round}`, (cursor) =>
    callApi('order.inbox', cursor ? { box, cursor } : { box }),
  )
  usePullRefresh(() => setRound((n) => n + 1))
  const newIds = templateIdOf('orderNew')

  const accept = async (o: OrderSummary) => {
    setBusy(o.orderId)
    setMessage(null)
    try {
      await acceptOrder(o.orderId)
      // The detail page opens: the confirmation passes with the move (a toast), not a card left behind.
      toast('已接单')
      void Taro.navigateTo({ url: detailUrl(o.orderId) })
      setRound((n) => n + 1)
    } catch (e) {
      setMessage(failureCopy(e, '接单失败，请重试'))
      setRound((n) => n + 1)
    } finally {
      setBusy(null)
    }
  }

  const sorted = list.items && byUrgency(list.items, hazards, now)

  return (
    <Page label="工单处理">
      <View className="card">
        {newIds.length > 0 && (
          <Button
            className="btn"
            block
            onClick={() =>
              void subscribeFromTap(
                newIds,
                '已订阅：下一条新工单将通过微信提醒您',
                '未订阅提醒，您仍可在此查看新工单',
              ).then(setMessage)
            }
          >
            订阅新工单提醒
          </Button>
        )}
        <Text className="t-muted">
          每订阅一次，收到一条新工单的微信提醒；未能提醒的工单会标注“未通知到网格员”。
        </Text>
        <View className="report__actions">
          <Button className="btn" onClick={() => void Taro.navigateTo({ url: INTAKE_URL })}>
            代居民登记
          </Button>
        </View>
      </View>
      <Notice text={message} />
      <Notice text={list.error} />
      <Tabs label="工单分类" tabs={BOXES} value={box} onChange={setBox} />
      <OrderList
        items={sorted}
        hazard={(o) => hazards.has(o.categoryId)}
        clock={(o) => clockText(o, now)}
        cursor={list.cursor}
        empty={EMPTY[box]}
        onMore={list.more}
        actions={(o) =>
          box === 'new' && orderMachine.exists('accept', o.status) ? (
            <View className="report__actions">
              <Button
                className="btn"
                // One primary action on the screen: accepting the most urgent order (the list's first).
                type={o === sorted?.[0] ? 'primary' : 'default'}
                disabled={busy !== null}
                ariaLabel={`接单：${o.categoryName}，${o.placeName}`}
                onClick={() => void accept(o)}
              >
                接单
              </Button>
            </View>
          ) : null
        }
      />
      {gridId && <RatesCard level="grid" id={gridId} refresh={round} />}
    </Page>
  )
}
