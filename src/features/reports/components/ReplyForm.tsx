import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { chinaDay } from '@core/china-time'
import type { ApiInput } from '@core/api'
import { OrderErrors } from '@core/orders/api'
import { Outcomes, type Outcome } from '@core/orders/model'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'
import { Button } from '../../../components/ui'
import { errorCopy } from '../../../services/error-copy'
import { OutcomeLabel } from '../labels'

export interface ReplyDraft {
  readonly outcome: Outcome | null
  readonly text: string
  readonly promisedDate: string
  readonly reason: string
  readonly to: string
}

const OUTCOME_HINT: Readonly<Record<Outcome, string>> = {
  handled: '小事当场办：已经处理好了',
  deadline: '大事限期办：承诺在某天前办好',
  explained: '难事做好解释：暂时办不了，说明原因',
  transferred: '转给负责的单位（如供电公司、物业）',
}

/** The first thing wrong with a reply, as copy to show; null when it may be sent. */
export function replyProblem(d: ReplyDraft, today: string): string | null {
  if (!d.outcome) return errorCopy(OrderErrors.OUTCOME_REQUIRED)
  if (d.outcome === 'deadline') {
    if (!d.promisedDate.trim()) return errorCopy(OrderErrors.PROMISED_DATE_REQUIRED)
    const date = d.promisedDate.trim()
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`))
    if (!valid || date <= today || date > addDays(today, 90))
      return errorCopy(OrderErrors.PROMISED_DATE_INVALID)
  }
  if (d.outcome === 'explained' && d.reason.trim().length < 2) return errorCopy(OrderErrors.REASON_REQUIRED)
  if (d.outcome === 'transferred' && !d.to.trim()) return errorCopy(OrderErrors.TRANSFER_TARGET_REQUIRED)
  if (!d.text.trim()) return '请填写答复内容，告诉居民办理情况'
  return null
}

/** The reply as order.reply wants it: only the field the outcome needs. */
export function replyInput(orderId: string, d: ReplyDraft): ApiInput<'order.reply'> {
  return {
    orderId,
    ...(d.outcome ? { outcome: d.outcome } : {}),
    text: d.text.trim(),
    ...(d.outcome === 'deadline' ? { promisedDate: d.promisedDate.trim() } : {}),
    ...(d.outcome === 'explained' ? { reason: d.reason.trim() } : {}),
    ...(d.outcome === 'transferred' ? { to: d.to.trim() } : {}),
  }
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
}

/** `YYYY-MM-DD` of today in China. */
export const chinaToday = (now: Date = new Date()): string => chinaDay(now)

interface Props {
  readonly busy: boolean
  readonly onSend: (d: ReplyDraft) => void
  readonly onCancel: () => void
}

/** 答复: outcome (当场办 / 限期办 + date / 解释说明 + reason / 转办 + to) and what to tell the resident. */
export function ReplyForm({ busy, onSend, onCancel }: Props) {
  const [d, setD] = useState<ReplyDraft>({ outcome: null, text: '', promisedDate: '', reason: '', to: '' })
  const [error, setError] = useState<string | null>(null)
  const set = (patch: Partial<ReplyDraft>) => setD((cur) => ({ ...cur, ...patch }))
  const send = () => {
    const problem = replyProblem(d, chinaToday())
    setError(problem)
    if (!problem) onSend(d)
  }
  return (
    <View className="card" ariaRole="form" ariaLabel="答复居民">
      <Text className="t-title">答复居民</Text>
      <ChoiceList
        label="办理结果"
        options={Outcomes.map((o) => ({ id: o, name: OutcomeLabel[o] }))}
        selected={d.outcome}
        onSelect={(o) => set({ outcome: o.id as Outcome })}
      />
      {d.outcome && (
        <View>
          <Text className="t-muted">{OUTCOME_HINT[d.outcome]}</Text>
        </View>
      )}
      {d.outcome === 'deadline' && (
        <Field
          label="承诺办结日期"
          value={d.promisedDate}
          onInput={(v) => set({ promisedDate: v })}
          placeholder="如 2026-12-01"
          maxlength={10}
          hint="格式：年-月-日，90 天内"
        />
      )}
      {d.outcome === 'explained' && (
        <Field
          label="原因"
          value={d.reason}
          onInput={(v) => set({ reason: v })}
          maxlength={200}
          placeholder="如：属于业主自有设施，需业委会决定"
        />
      )}
      {d.outcome === 'transferred' && (
        <Field
          label="转办单位"
          value={d.to}
          onInput={(v) => set({ to: v })}
          maxlength={50}
          placeholder="如：供电公司、物业公司"
        />
      )}
      <Field
        label="答复内容"
        value={d.text}
        onInput={(v) => set({ text: v })}
        maxlength={500}
        placeholder="告诉居民做了什么、结果如何"
      />
      {error && (
        <View ariaRole="alert">
          <Text className="t-body field__error">{error}</Text>
        </View>
      )}
      <View className="report__actions">
        <Button className="btn" type="primary" disabled={busy} onClick={send}>
          提交答复
        </Button>
        <Button className="btn" onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
