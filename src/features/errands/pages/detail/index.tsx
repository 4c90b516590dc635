import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { ErrandDetail } from '@core/errands/api'
import type { ErrandMove } from '@core/errands/machine'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { moveLabel, shortTime, windowText } from '../../labels'
import { Notice, toast } from '../../../../components/Notice'
import { StepForm } from '../../../../components/StepForm'
import '../../errands.scss'

/** Moves that open a small form first; the others run on tap. */
type Panel = 'none' | 'start' | 'dispute' | 'thank'

/** What each move says when it went through. */
const DONE: Partial<Record<ErrandMove, string>> = {
  accept: '接单成功，请按约定时间帮忙',
  release: '已放弃接单，互助已重新开放',
  cancel: '已取消',
  start: '已开始',
  done: '已标记完成，等待对方确认',
  confirm: '已确认完成，感谢邻里互助',
  dispute: '已提交异议，网格员会尽快处理',
  unlock: '已解除锁定',
  settle: '已认定完成，积分已发放',
  close: '已关闭异议',
}

/**
 * 互助详情: the errand, and exactly the buttons `moves` allows the caller (computed by the function
 * from the core state machine). Address and phone appear only when the API returns them (the
 * requester, and the helper after accepting). The requester may thank a confirmed errand.
 */
export default function ErrandDetailPage() {
  const errandId = useRouter().params.id ?? ''
  const {
    data: errand,
    setData: setErrand,
    message,
    setMessage,
    reload,
  } = usePageData(errandId, () => (errandId ? callApi('errand.get', { errandId }) : null), {
    missing: '缺少互助编号',
  })
  const [panel, setPanel] = useState<Panel>('none')
  const [busy, setBusy] = useState(false)
  const [code, setCode] = useState('')
  const [reason, setReason] = useState('')
  const [note, setNote] = useState('')

  /** Runs one move; the answer is the errand as it is now. A refused move reloads it (someone else may have moved it). */
  const run = async (call: () => Promise<ErrandDetail>, done: string) => {
    setBusy(true)
    setMessage(null)
    try {
      setErrand(await call())
      setPanel('none')
      setCode('')
      setReason('')
      setNote('')
      toast(done)
    } catch (e) {
      setMessage(failureCopy(e, '操作失败，请重试'))
      reload()
    } finally {
      setBusy(false)
    }
  }

  const tap = (move: ErrandMove, needsCode: boolean) => {
    const done = DONE[move] ?? '已完成'
    switch (move) {
      case 'accept':
        return void run(() => callApi('errand.accept', { errandId }), done)
      case 'release':
        return void run(() => callApi('errand.release', { errandId }), done)
      case 'cancel':
        return void run(() => callApi('errand.cancel', { errandId }), done)
      case 'start':
        return needsCode ? setPanel('start') : void run(() => callApi('errand.start', { errandId }), done)
      case 'done':
        return void run(() => callApi('errand.done', { errandId }), done)
      case 'confirm':
        return void run(() => callApi('errand.confirm', { errandId }), done)
      case 'dispute':
        return setPanel('dispute')
      case 'unlock':
      case 'settle':
      case 'close':
        return void run(() => callApi('errand.resolve', { errandId, decision: move }), done)
      default:
        return undefined
    }
  }
  const start = () => {
    if (!/^\d{4,6}$/.test(code.trim())) return setMessage('请输入 4–6 位数字交接码')
    void run(() => callApi('errand.start', { errandId, code: code.trim() }), '交接码正确，已接到孩子')
  }
  const dispute = () => {
    if (reason.trim().length < 2) return setMessage('请说明有什么问题')
    void run(() => callApi('errand.dispute', { errandId, reason: reason.trim() }), DONE.dispute as string)
  }
  const thank = () => {
    if (!note.trim()) return setMessage('请写一句感谢的话')
    void run(
      () => callApi('errand.thank', { errandId, note: note.trim() }),
      '感谢已留下，帮办人在“志愿服务资料”里能看到',
    )
  }

  if (!errand) {
    return (
      <Page label="互助详情">
        <View className="card" ariaRole={message ? 'alert' : 'status'}>
          <Text className="t-body">{message ?? '正在加载…'}</Text>
        </View>
      </Page>
    )
  }

  const mine = errand.as.includes('requester')
  const canThank = mine && errand.status === 'confirmed' && !errand.thanks
  const moves = errand.moves.filter(
    (m) => !(panel === 'start' && m === 'start') && !(panel === 'dispute' && m === 'dispute'),
  )
  const times = [
    errand.acceptedAt && `接单 ${shortTime(errand.acceptedAt)}`,
    errand.pickedUpAt && `接到孩子 ${shortTime(errand.pickedUpAt)}`,
    errand.doneAt && `完成 ${shortTime(errand.doneAt)}`,
    errand.confirmedAt && `确认 ${shortTime(errand.confirmedAt)}`,
  ].filter((t): t is string => typeof t === 'string' && t.length > 0)
  const line = (text: string) => (
    <View>
      <Text className="t-body">{text}</Text>
    </View>
  )
  return (
    <Page label="互助详情">
      <View className="card" ariaRole="region" ariaLabel="互助信息">
        <View className="errand-card__head">
          <Text className="t-title">{errand.typeLabel}</Text>
          <Text className={errand.status === 'open' ? 'errand-status errand-status--open' : 'errand-status'}>
            {errand.statusLabel}
          </Text>
        </View>
        {line(errand.text)}
        {line(`时间：${windowText(errand.windowStart, errand.windowEnd)}`)}
        {line(`发布人：${errand.requesterName} · ${errand.buildingName}`)}
        {errand.address && line(`见面地点：${errand.address}`)}
        {errand.phone && line(`联系电话：${errand.phone}`)}
        {errand.note && line(`备注：${errand.note}`)}
        {line(`帮办人：${errand.helperName ?? '暂无'}`)}
        <View>
          <Text className="t-muted">完成并确认后，帮办人可得 {errand.points} 爱心积分</Text>
        </View>
        {!errand.address && errand.status === 'open' && !mine && (
          <View>
            <Text className="t-muted">接单后可以看到详细地址和联系电话</Text>
          </View>
        )}
        {times.length > 0 && (
          <View>
            <Text className="t-muted">{times.join(' · ')}</Text>
          </View>
        )}
      </View>

      {errand.handoverCode && (
        <View className="card" ariaRole="group" ariaLabel="交接码">
          <Text className="t-body">交接码：</Text>
          <Text className="errand__code">{errand.handoverCode}</Text>
          <View>
            <Text className="t-muted">请告诉学校老师或孩子；帮办人接孩子时输入这个码。</Text>
          </View>
        </View>
      )}
      {errand.disputeReason && <View className="card">{line(`异议原因：${errand.disputeReason}`)}</View>}
      {errand.thanks && <View className="card">{line(`感谢留言：${errand.thanks}`)}</View>}

      <Notice text={message} />

      <View className="errand__actions" ariaRole="group" ariaLabel="可进行的操作">
        {moves.map((m) => (
          <Button
            key={m}
            className="btn"
            type={
              m === 'cancel' || m === 'release' || m === 'dispute' || m === 'close' ? 'default' : 'primary'
            }
            disabled={busy}
            onClick={() => tap(m, errand.needsCode)}
          >
            {moveLabel(m, errand.type)}
          </Button>
        ))}
        {canThank && panel !== 'thank' && (
          <Button className="btn" disabled={busy} onClick={() => setPanel('thank')}>
            感谢帮办人
          </Button>
        )}
      </View>

      {panel === 'start' && (
        <StepForm
          label="输入交接码"
          submit="确认接到"
          busy={busy}
          onSubmit={start}
          onBack={() => setPanel('none')}
        >
          <Field
            label="交接码"
            type="number"
            value={code}
            onInput={setCode}
            maxlength={6}
            hint={
              errand.codeTriesLeft !== null
                ? `家长给学校的 4–6 位数字，还可以输入 ${errand.codeTriesLeft} 次`
                : '家长给学校的 4–6 位数字'
            }
          />
        </StepForm>
      )}
      {panel === 'dispute' && (
        <StepForm
          label="提出异议"
          submit="提交异议"
          busy={busy}
          onSubmit={dispute}
          onBack={() => setPanel('none')}
        >
          <Field
            label="异议原因"
            value={reason}
            onInput={setReason}
            maxlength={200}
            placeholder="如：快递没有送到"
          />
        </StepForm>
      )}
      {panel === 'thank' && (
        <StepForm
          label="感谢帮办人"
          submit="送出感谢"
          busy={busy}
          onSubmit={thank}
          onBack={() => setPanel('none')}
        >
          <Field
            label="感谢的话"
            value={note}
            onInput={setNote}
            maxlength={100}
            placeholder="如：谢谢您，帮了大忙！"
          />
        </StepForm>
      )}
    </Page>
  )
}
