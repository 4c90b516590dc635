import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ItemDetail, LoanView } from '@core/lending/api'
import { shortTime } from '@core/china-time'
import { ConditionLabel, Conditions, LIMITS, type Condition } from '@core/lending/model'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { SubmitButton } from '../../../../components/SubmitButton'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { newRequestId } from '../../../../services/request-id'
import type { PickedPhoto } from '../../../../services/upload-rules'
import { callApi, LendingPages } from '../../api'
import { CheckList } from '../../components/CheckList'
import { PhotoPick, usePhotoUpload } from '../../components/PhotoPick'
import '../../lending.scss'

/** A cancelled scan is not a failure. */
const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: unknown } | null)?.errMsg ?? ''))

/**
 * 借还登记 (staff, or the item's keeper): scan the item's label (or type its code); then either the
 * pickup of the resident whose turn it is — tick the accessories that go out, 确认取用 (the due date
 * is set now, a pledge held) — or the return of the item on loan: tick what came back, the
 * condition, an optional note and photo, and (staff) keep the pledge with a reason; 确认归还.
 */
export default function DeskPage() {
  const start = useRouter().params.code ?? ''
  const [typed, setTyped] = useState('')
  const [item, setItem] = useState<ItemDetail | null>(null)
  const [done, setDone] = useState<LoanView | null>(null)
  const [ticked, setTicked] = useState<string[]>([])
  const [condition, setCondition] = useState<Condition>('good')
  const [note, setNote] = useState('')
  const [keep, setKeep] = useState(false)
  const [keepReason, setKeepReason] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const requestId = useRef(newRequestId())
  const upload = usePhotoUpload(() => requestId.current)

  const lookup = useCallback(async (code: string) => {
    setMessage(null)
    setDone(null)
    try {
      const d = await callApi('lending.item', { code })
      if (!d.desk) return setMessage('您不是这件物品的工作人员或保管人')
      setItem(d)
      setTicked([])
      setCondition('good')
      setNote('')
      setKeep(false)
      setKeepReason('')
      setPhotos([])
      requestId.current = newRequestId()
    } catch (e) {
      setMessage(failureCopy(e, '查询失败，请重试'))
    }
  }, [])
  useEffect(() => {
    if (start) void lookup(start)
  }, [start, lookup])

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true })
      const raw = res.path || res.result
      if (raw) void lookup(raw)
    } catch (e) {
      if (!cancelled(e)) setMessage('无法扫码，请直接输入物品码')
    }
  }

  const submit = async () => {
    if (!item?.desk) return
    setBusy(true)
    setMessage(null)
    try {
      const loan = item.desk.openLoan
      const ready = item.desk.readyHold
      if (loan) {
        if (keep && !keepReason.trim()) throw new Error('请填写扣留押分的原因')
        const fileIds = await upload(photos)
        setDone(
          await callApi('lending.return', {
            itemId: item.id,
            loanId: loan.loanId,
            accessories: ticked,
            condition,
            ...(note.trim() ? { note: note.trim() } : {}),
            photos: fileIds,
            ...(keep ? { keepReason: keepReason.trim() } : {}),
            requestId: requestId.current,
          }),
        )
      } else if (ready) {
        setDone(
          await callApi('lending.pickup', {
            itemId: item.id,
            holdId: ready.holdId,
            accessories: ticked,
            requestId: requestId.current,
          }),
        )
      }
      toast('已登记')
    } catch (e) {
      setMessage(e instanceof Error && !('code' in e) ? e.message : failureCopy(e, '登记失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const entry = (
    <View className="card" ariaRole="form" ariaLabel="找到物品">
      <Field
        label="物品码"
        value={typed}
        maxlength={20}
        placeholder="标签上的 8 位物品码"
        onInput={setTyped}
      />
      <View className="lend__actions">
        <Button
          className="btn"
          onClick={() => (typed.trim() ? void lookup(typed.trim()) : setMessage('请输入物品码'))}
        >
          查找
        </Button>
        {/* A browser has no WeChat scanner: typing the code is the way there. */}
        <Button className="btn" onClick={() => void scan()}>
          扫码
        </Button>
      </View>
    </View>
  )

  if (done)
    return (
      <Page className="lend" label="借还登记">
        <View className="card" ariaRole="status">
          <Text className="t-title">{done.status === 'out' ? '取用已登记' : '归还已登记'}</Text>
          <View>
            <Text className="t-body">{`${done.itemName} · ${done.borrowerName}`}</Text>
          </View>
          <View>
            {done.status === 'out' ? (
              <Text className="t-body">{`请于 ${shortTime(done.dueAt)} 前归还${done.pledgePoints > 0 ? `，已押 ${done.pledgePoints} 积分` : ''}`}</Text>
            ) : (
              <Text className="t-body">
                {done.pledge === 'released'
                  ? `押分 ${done.pledgePoints} 已退回`
                  : done.pledge === 'kept'
                    ? `押分已扣留：${done.pledgeReason ?? ''}`
                    : '已登记'}
              </Text>
            )}
          </View>
          <Button
            className="btn"
            onClick={() => void Taro.redirectTo({ url: LendingPages.loan(done.loanId) })}
          >
            查看借用记录
          </Button>
        </View>
        {entry}
      </Page>
    )

  const d = item?.desk
  const loan = d?.openLoan ?? null
  const ready = d?.readyHold ?? null
  return (
    <Page className="lend" label="借还登记">
      {entry}
      {item && d && (
        <View className="lend-card" ariaRole="region" ariaLabel={item.name}>
          <View className="lend-card__head">
            <Text className="t-title">{item.name}</Text>
            <Text className="lend-status t-body">{item.statusLabel}</Text>
          </View>
          {loan ? (
            <>
              <Text className="t-body">{`归还：${loan.borrowerName}，${shortTime(loan.dueAt)} 到期${loan.overdue ? '（已逾期）' : ''}`}</Text>
              <CheckList
                label="归还的配件（请逐项核对）"
                options={loan.accessoriesOut}
                ticked={ticked}
                onChange={setTicked}
              />
              <ChoiceList
                label="物品状况"
                options={Conditions.map((c) => ({ id: c, name: ConditionLabel[c] }))}
                selected={condition}
                onSelect={(o) => setCondition(o.id as Condition)}
              />
              <Text className="t-body lend__label">说明（可选）</Text>
              <Textarea
                className="lend__textarea t-body"
                value={note}
                maxlength={LIMITS.note}
                placeholder="如：钻头少了一个"
                ariaLabel="说明"
                nativeProps={{ 'aria-label': '说明' }}
                onInput={(e) => setNote(e.detail.value)}
              />
              <PhotoPick
                label="归还照片"
                max={LIMITS.returnPhotos}
                photos={photos}
                onChange={setPhotos}
                onNotice={setMessage}
              />
              {loan.pledge === 'held' && loan.moves.includes('forfeit') && (
                <View>
                  <ChoiceList
                    label={`押分 ${loan.pledgePoints}`}
                    options={[
                      { id: 'release', name: '退回押分' },
                      { id: 'keep', name: '扣留押分' },
                    ]}
                    selected={keep ? 'keep' : 'release'}
                    onSelect={(o) => setKeep(o.id === 'keep')}
                  />
                  {keep && (
                    <Field
                      label="扣留原因"
                      value={keepReason}
                      maxlength={LIMITS.reason}
                      onInput={setKeepReason}
                    />
                  )}
                </View>
              )}
              {(condition === 'damaged' || ticked.length < loan.accessoriesOut.length) && (
                <Text className="t-body">损坏或缺少配件的物品会转入维修，暂停借出，并通知社区工作人员。</Text>
              )}
              <SubmitButton busy={busy} onSubmit={submit}>
                确认归还
              </SubmitButton>
            </>
          ) : ready ? (
            <>
              <Text className="t-body">{`取用：${ready.holderName}（${shortTime(ready.readyUntil)} 前）`}</Text>
              <CheckList
                label="借出的配件（请逐项勾选）"
                options={item.accessories}
                ticked={ticked}
                onChange={setTicked}
              />
              <Text className="t-muted">{`借期 ${item.periodDays} 天，从现在算起${item.pledgePoints > 0 ? `；将押 ${item.pledgePoints} 积分` : ''}。`}</Text>
              <SubmitButton busy={busy} onSubmit={submit}>
                确认取用
              </SubmitButton>
            </>
          ) : (
            <Text className="t-body">这件物品现在没有待取用的预约，也没有借出。</Text>
          )}
        </View>
      )}
      <Notice text={message} />
    </Page>
  )
}
