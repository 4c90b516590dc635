import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { ItemDetail } from '@core/lending/api'
import { shortTime } from '@core/china-time'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { newRequestId } from '../../../../services/request-id'
import { photoUrls } from '../../../../services/upload'
import { callApi, LendingPages } from '../../api'
import '../../lending.scss'

const imgRole = { ariaRole: 'img' } as object
const ITEM_MOVE_LABEL = {
  repair: '修好了，恢复借用',
  service: '送去维修',
  retire: '下架',
  restore: '重新上架（先检修）',
} as const

/**
 * 物品详情: opened from the catalogue (`id`), a message about my hold (`hold`), or by scanning the
 * item's label (`scene` = `t=<code>`). Residents reserve (one primary action), see their place in
 * the queue, cancel, renew. Staff and the keeper see who is to pick it up or has it, and go to the
 * desk; staff also edit, print the label and move it in and out of maintenance.
 */
export default function ItemPage() {
  const params = useRouter().params
  const id = params.id ?? ''
  const hold = useRouter().params.hold ?? ''
  const scene = params.scene ?? ''
  const [busy, setBusy] = useState(false)
  const [photo, setPhoto] = useState<string | null>(null)
  const requestId = useRef(newRequestId())
  const { data, setData, message, setMessage } = usePageData<ItemDetail>(
    `lending.item:${id}:${hold}:${scene}`,
    () =>
      id
        ? callApi('lending.item', { itemId: id })
        : hold
          ? callApi('lending.item', { holdId: hold })
          : scene
            ? callApi('lending.item', { code: scene })
            : null,
    { missing: '没有找到这件物品' },
  )
  useEffect(() => {
    if (data?.photo) void photoUrls([data.photo]).then((u) => setPhoto(u[data.photo ?? ''] ?? null))
  }, [data?.photo])

  const act = async (run: () => Promise<ItemDetail>, done: string) => {
    setBusy(true)
    setMessage(null)
    try {
      setData(await run())
      toast(done)
    } catch (e) {
      setMessage(failureCopy(e, '操作失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  if (!data)
    return (
      <Page className="lend" label="物品详情">
        <Notice text={message} />
        {!message && <Text className="t-muted">正在加载…</Text>}
      </Page>
    )
  const d = data
  const mine = d.myHold
  const loan = d.myLoan
  return (
    <Page className="lend" label={`物品详情：${d.name}`}>
      <View className="lend-card">
        <View className="lend-card__head">
          <Text className="t-title">{d.name}</Text>
          <Text className={`lend-status lend-status--${d.status} t-body`}>{d.statusLabel}</Text>
        </View>
        {photo && (
          <Image className="lend__photo" src={photo} mode="aspectFit" {...imgRole} ariaLabel={d.name} />
        )}
        <Text className="t-body">{`存放位置：${d.location}`}</Text>
        <Text className="t-body">{`借期 ${d.periodDays} 天 · 预约后 ${d.pickupDays} 天内取用`}</Text>
        <Text className="t-body">
          {d.pledgePoints > 0 ? `押分 ${d.pledgePoints}（归还后退回）` : '免押分'}
        </Text>
        <Text className="t-body">{`配件：${d.accessories.length > 0 ? d.accessories.join('、') : '无'}`}</Text>
        <Text className="t-body">{`状况：${d.conditionLabel}`}</Text>
        <Text className="t-body">{d.queue > 0 ? `${d.queue} 人排队中` : '目前无人排队'}</Text>
        {d.keeperName && <Text className="t-muted">{`保管人：${d.keeperName}`}</Text>}
      </View>

      {mine && (
        <View className="card" ariaRole="region" ariaLabel="我的预约">
          <Text className="t-title">我的预约</Text>
          <Text className="t-body">
            {mine.status === 'ready'
              ? `已轮到您，请在 ${shortTime(mine.readyUntil ?? '')} 前到${d.location}取用`
              : `排队中，您是第 ${mine.position ?? '-'} 位`}
          </Text>
          {mine.moves.includes('cancel') && (
            <Button
              className="btn"
              disabled={busy}
              onClick={() => void act(() => callApi('lending.cancel', { holdId: mine.holdId }), '已取消预约')}
            >
              取消预约
            </Button>
          )}
        </View>
      )}

      {loan && (
        <View className="card" ariaRole="region" ariaLabel="我正在借用">
          <Text className="t-title">我正在借用</Text>
          <Text className="t-body">{`${loan.overdue ? '已逾期，' : ''}请在 ${shortTime(loan.dueAt)} 前归还`}</Text>
          <Button
            className="btn"
            onClick={() => void Taro.navigateTo({ url: LendingPages.loan(loan.loanId) })}
          >
            查看借用记录
          </Button>
        </View>
      )}

      {!mine && !loan && (
        <View className="card">
          {d.reserveBlock && <Text className="t-body">{d.reserveBlock}</Text>}
          {d.canReserve && (
            <Button
              className="btn"
              type="primary"
              block
              disabled={busy}
              onClick={() =>
                void act(
                  () => callApi('lending.reserve', { itemId: d.id, requestId: requestId.current }),
                  '已预约',
                )
              }
            >
              {d.status === 'available' && d.queue === 0 ? '预约借用' : '排队预约'}
            </Button>
          )}
        </View>
      )}

      {d.desk && (
        <View className="card" ariaRole="region" ariaLabel="借还登记">
          <Text className="t-title">借还登记</Text>
          <Text className="t-body">{`物品码：${d.desk.code}`}</Text>
          {d.desk.readyHold && (
            <Text className="t-body">{`待取用：${d.desk.readyHold.holderName}（${shortTime(d.desk.readyHold.readyUntil)} 前）`}</Text>
          )}
          {d.desk.openLoan && (
            <Text className="t-body">{`借用人：${d.desk.openLoan.borrowerName}，${shortTime(d.desk.openLoan.dueAt)} 到期`}</Text>
          )}
          <View className="lend__actions">
            <Button
              className="btn"
              onClick={() => void Taro.navigateTo({ url: LendingPages.desk(d.desk?.code) })}
            >
              {d.desk.openLoan ? '登记归还' : '登记取用'}
            </Button>
            {d.desk.itemMoves.length > 0 && (
              <>
                <Button
                  className="btn"
                  onClick={() => void Taro.navigateTo({ url: LendingPages.edit(d.communityId, d.id) })}
                >
                  编辑物品
                </Button>
                <Button
                  className="btn"
                  onClick={() => void Taro.navigateTo({ url: LendingPages.label(d.id) })}
                >
                  打印标签
                </Button>
              </>
            )}
            {d.desk.itemMoves.map((m) => (
              <Button
                key={m}
                className="btn"
                disabled={busy}
                onClick={() =>
                  void act(() => callApi('lending.itemMove', { itemId: d.id, move: m }), '已更新')
                }
              >
                {ITEM_MOVE_LABEL[m]}
              </Button>
            ))}
          </View>
        </View>
      )}
      <Notice text={message} />
    </Page>
  )
}
