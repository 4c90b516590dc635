import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { DonationView } from '@core/lending/api'
import { shortTime } from '@core/china-time'
import { DEFAULTS, LIMITS } from '@core/lending/model'
import { Field } from '../../../../components/Field'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { callApi, LendingPages } from '../../api'
import '../../lending.scss'

/**
 * 捐赠详情: the donor follows their offer; community staff accept it into the inventory (name,
 * where it is kept, points to the donor) or decline it with a reason.
 */
export default function DonationPage() {
  const id = useRouter().params.id ?? ''
  const [name, setName] = useState('')
  const [location, setLocation] = useState('')
  const [points, setPoints] = useState(String(DEFAULTS.donationPoints))
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const { data, setData, message, setMessage } = usePageData<DonationView>(
    `lending.donation:${id}`,
    () => (id ? callApi('lending.donation', { donationId: id }) : null),
    { missing: '没有找到这条捐赠' },
  )
  const decide = async (accept: boolean) => {
    setBusy(true)
    setMessage(null)
    try {
      setData(
        await callApi('lending.decide', {
          donationId: id,
          accept,
          ...(accept ? { name, location, points: Number(points) } : { reason }),
        }),
      )
      toast(accept ? '已收入百宝屋' : '已回复')
    } catch (e) {
      setMessage(failureCopy(e, '操作失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const d = data
  return (
    <Page className="lend" label="捐赠详情">
      {!d && !message && <Text className="t-muted">正在加载…</Text>}
      {d && (
        <View className="lend-card">
          <View className="lend-card__head">
            <Text className="t-title">{d.text}</Text>
            <Text className="lend-status t-body">{d.statusLabel}</Text>
          </View>
          <Text className="t-body">{`捐赠人：${d.donorName} · ${shortTime(d.createdAt)}`}</Text>
          {d.reason && <Text className="t-body">{`未采纳原因：${d.reason}`}</Text>}
          {d.status === 'accepted' && <Text className="t-body">{`已收入百宝屋，获得 ${d.points} 积分`}</Text>}
          {d.itemId && (
            <Button
              className="btn"
              onClick={() => void Taro.navigateTo({ url: LendingPages.item(d.itemId ?? '') })}
            >
              查看物品
            </Button>
          )}
        </View>
      )}
      {d?.canDecide && (
        <View className="card" ariaRole="form" ariaLabel="审核捐赠">
          <Field label="物品名称" value={name} maxlength={LIMITS.name} onInput={setName} />
          <Field label="存放位置" value={location} maxlength={LIMITS.location} onInput={setLocation} />
          <Field label="奖励积分" type="number" value={points} maxlength={3} onInput={setPoints} />
          <Button className="btn" type="primary" block disabled={busy} onClick={() => void decide(true)}>
            收入百宝屋
          </Button>
          <Field label="不采纳的原因" value={reason} maxlength={LIMITS.reason} onInput={setReason} />
          <Button className="btn" block disabled={busy} onClick={() => void decide(false)}>
            不采纳
          </Button>
        </View>
      )}
      <Notice text={message} />
    </Page>
  )
}
