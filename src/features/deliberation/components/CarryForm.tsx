import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { TopicDetail } from '@core/deliberation/api'
import type { WorkOptions } from '@core/deliberation/carry-api'
import { shortTime } from '@core/china-time'
import { TierLabel } from '@core/orders/messages'
import type { StartTier } from '@core/orders/model'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Button } from '../../../components/ui'
import { failureCopy } from '../../../services/cloud'
import { newRequestId } from '../../../services/request-id'
import { callApi } from '../api'
import { FormActions } from './FormActions'
import { TextBox } from '../../../components/TextBox'

/** Work orders a topic may file at once (the topic holds at most 12 items in all). */
const MAX_ORDERS = 6

interface Line {
  readonly category: string | null
  readonly text: string
  /** Who should do it: the grid by default, or a tier up to the caller's own. */
  readonly tier: StartTier
}

const blank: Line = { category: null, text: '', tier: 'grid' }

const checked = (on: boolean) => ({ ariaChecked: on }) as object

/**
 * 民办: staff carry a decided topic out (the first time with the plan and who is responsible): work
 * orders (a category, what to do, and who does it: 网格, or 社区/街道 when the caller may file
 * there) and activities of the community to link. One
 * request id per draft, kept across a retry, so a retried tap files nothing twice.
 */
export function CarryForm(props: {
  readonly topicId: string
  /** The first time: the plan and the responsible people are asked for. */
  readonly first: boolean
  readonly onDone: (next: TopicDetail) => void
  readonly onBack: () => void
}) {
  const [options, setOptions] = useState<WorkOptions | null>(null)
  const [plan, setPlan] = useState('')
  const [responsible, setResponsible] = useState('')
  const [lines, setLines] = useState<Line[]>([blank])
  const [linked, setLinked] = useState<readonly string[]>([])
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const requestId = useRef(newRequestId())
  const tiers = options?.tiers ?? ['grid']

  useEffect(() => {
    callApi('topic.workOptions', { topicId: props.topicId }).then(setOptions, (e) =>
      setMessage(failureCopy(e, '加载失败，请重试')),
    )
  }, [props.topicId])

  const setLine = (i: number, patch: Partial<Line>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)))
  const toggle = (id: string) =>
    setLinked((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]))

  const submit = async () => {
    const orders = lines.filter((l) => l.text.trim() || l.category)
    if (props.first && (!plan.trim() || !responsible.trim()))
      return setMessage('请填写实施方案和责任人（会公示给居民）')
    if (orders.some((l) => !l.category || !l.text.trim())) return setMessage('请为每张工单选择类别并填写内容')
    if (orders.length === 0 && linked.length === 0) return setMessage('请至少安排一张工单或关联一项志愿活动')
    setBusy(true)
    setMessage(null)
    try {
      const next = await callApi('topic.carry', {
        topicId: props.topicId,
        requestId: requestId.current,
        ...(props.first ? { plan: plan.trim(), responsible: responsible.trim() } : {}),
        orders: orders.map((l) => ({
          category: l.category as string,
          text: l.text.trim(),
          ...(l.tier === 'grid' ? {} : { tier: l.tier }),
        })),
        activityIds: [...linked],
      })
      requestId.current = newRequestId()
      props.onDone(next)
    } catch (e) {
      setMessage(failureCopy(e, '提交失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card" ariaRole="form" ariaLabel={props.first ? '安排实施' : '增加实施工作'}>
      <Text className="t-title">{props.first ? '安排实施（民办）' : '增加实施工作'}</Text>
      {props.first && (
        <>
          <Text className="t-body topic__label">实施方案（会公示给居民）</Text>
          <TextBox name="实施方案" value={plan} maxlength={1000} onInput={setPlan} />
          <Field label="责任人" value={responsible} maxlength={60} onInput={setResponsible} />
        </>
      )}
      {lines.map((l, i) => (
        <View key={i} className="carry__line" ariaRole="group" ariaLabel={`工单 ${i + 1}`}>
          <ChoiceList
            label={`工单 ${i + 1} 的类别`}
            options={options?.categories ?? []}
            selected={l.category}
            onSelect={(o) => setLine(i, { category: o.id })}
          />
          {tiers.length > 1 && (
            <ChoiceList
              label={`工单 ${i + 1} 由谁办理`}
              options={tiers.map((t) => ({ id: t, name: TierLabel[t] }))}
              selected={l.tier}
              onSelect={(o) => setLine(i, { tier: o.id as StartTier })}
            />
          )}
          <Field
            label={`工单 ${i + 1} 要做什么`}
            value={l.text}
            maxlength={400}
            onInput={(text) => setLine(i, { text })}
          />
        </View>
      ))}
      {lines.length < MAX_ORDERS && (
        <Button className="btn" block onClick={() => setLines((ls) => [...ls, blank])}>
          再加一张工单
        </Button>
      )}
      {(options?.activities.length ?? 0) > 0 && (
        <View className="choice" ariaRole="group" ariaLabel="关联志愿活动">
          <Text className="t-body choice__label">关联志愿活动（可多选）</Text>
          <View className="choice__options">
            {options?.activities.map((a) => (
              <View
                key={a.id}
                className={
                  linked.includes(a.id) ? 'choice__option btn choice__option--on' : 'choice__option btn'
                }
                ariaRole="checkbox"
                {...checked(linked.includes(a.id))}
                onClick={() => toggle(a.id)}
              >
                {a.title} · {shortTime(a.startAt)}
              </View>
            ))}
          </View>
        </View>
      )}
      <Notice text={message} />
      <FormActions busy={busy} onSubmit={submit} onBack={props.onBack}>
        {props.first ? '开始实施' : '提交'}
      </FormActions>
    </View>
  )
}
