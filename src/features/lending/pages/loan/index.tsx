import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { LoanView } from '@core/lending/api'
import { shortTime } from '@core/china-time'
import { ConditionLabel } from '@core/lending/model'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { photoUrls } from '../../../../services/upload'
import { callApi, LendingPages } from '../../api'
import '../../lending.scss'

const imgRole = { ariaRole: 'img' } as object
const PLEDGE = { none: '免押分', held: '押分中', released: '押分已退回', kept: '押分已扣留' } as const

/**
 * 借用记录: one loan (opened from my loans, the desk, or a due reminder with its id). The borrower
 * renews here (only when nobody waits, once); the desk sees who borrowed it and what came back.
 */
export default function LoanPage() {
  const id = useRouter().params.id ?? ''
  const [busy, setBusy] = useState(false)
  const { data, setData, message, setMessage } = usePageData<LoanView>(
    `lending.loan:${id}`,
    () => (id ? callApi('lending.loan', { loanId: id }) : null),
    { missing: '没有找到这条借用记录' },
  )
  const [photo, setPhoto] = useState<string | null>(null)
  const returnPhoto = data?.returnPhoto ?? null
  useEffect(() => {
    if (returnPhoto) void photoUrls([returnPhoto]).then((u) => setPhoto(u[returnPhoto] ?? null))
  }, [returnPhoto])
  const renew = async () => {
    setBusy(true)
    setMessage(null)
    try {
      setData(await callApi('lending.renew', { loanId: id }))
      toast('已续借')
    } catch (e) {
      setMessage(failureCopy(e, '续借失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const l = data
  return (
    <Page className="lend" label="借用记录">
      {!l && !message && <Text className="t-muted">正在加载…</Text>}
      {l && (
        <View className="lend-card">
          <View className="lend-card__head">
            <Text className="t-title">{l.itemName}</Text>
            <Text className="lend-status t-body">{l.overdue ? '已逾期' : l.statusLabel}</Text>
          </View>
          <Text className="t-body">{`借用人：${l.borrowerName}`}</Text>
          <Text className="t-body">{`取用：${shortTime(l.pickedAt)}`}</Text>
          <Text className="t-body">{`${l.status === 'out' ? '请于' : '原定'} ${shortTime(l.dueAt)} ${l.status === 'out' ? '前归还' : '到期'}${l.renewals > 0 ? `（已续借 ${l.renewals} 次）` : ''}`}</Text>
          <Text className="t-body">{`借出配件：${l.accessoriesOut.length > 0 ? l.accessoriesOut.join('、') : '无'}`}</Text>
          {l.returnedAt && <Text className="t-body">{`归还：${shortTime(l.returnedAt)}`}</Text>}
          {l.accessoriesBack && (
            <Text className="t-body">{`归还配件：${l.accessoriesBack.length > 0 ? l.accessoriesBack.join('、') : '无'}`}</Text>
          )}
          {l.conditionBack && (
            <Text className="t-body">{`归还状况：${ConditionLabel[l.conditionBack]}`}</Text>
          )}
          {l.returnNote && <Text className="t-body">{`说明：${l.returnNote}`}</Text>}
          {photo && (
            <Image
              className="lend__photo"
              src={photo}
              mode="aspectFit"
              {...imgRole}
              ariaLabel="归还时的照片"
            />
          )}
          {l.pledgePoints > 0 && (
            <Text className="t-body">{`${PLEDGE[l.pledge]} ${l.pledgePoints} 积分${l.pledgeReason ? `：${l.pledgeReason}` : ''}`}</Text>
          )}
          {l.moves.includes('renew') && (
            <Button className="btn" type="primary" block disabled={busy} onClick={() => void renew()}>
              续借一期
            </Button>
          )}
          <Button className="btn" onClick={() => void Taro.navigateTo({ url: LendingPages.item(l.itemId) })}>
            查看物品
          </Button>
        </View>
      )}
      <Notice text={message} />
    </Page>
  )
}
