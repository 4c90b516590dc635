import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ConfigBounds, type DeliberationConfig } from '@core/deliberation/carry'
import { Field } from '../../../../components/Field'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { SubmitButton } from '../../../../components/SubmitButton'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import '../../deliberation.scss'

const FIELDS: readonly { key: keyof DeliberationConfig; label: string; unit: string; hint: string }[] = [
  {
    key: 'supportPct',
    label: '立项所需支持户数比例',
    unit: '%',
    hint: '本网格（或所涉楼栋）住户中支持的比例',
  },
  { key: 'evaluationDays', label: '居民评价期', unit: '天', hint: '实施完成后居民评价的天数' },
  {
    key: 'reopenPct',
    label: '退回重议的不满意比例',
    unit: '%',
    hint: '评价中“不满意”超过这个比例即退回议事会',
  },
]

/**
 * 议事设置: a community admin sets the community's deliberation thresholds — the support share
 * that puts a topic on the agenda, the evaluation window, and the 不满意 share that sends a topic
 * back to the council. Reached from the community's hall (`?communityId=`).
 */
export default function DeliberationSettingsPage() {
  const communityId = useRouter().params.communityId ?? ''
  const [values, setValues] = useState<Record<keyof DeliberationConfig, string> | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(communityId ? null : '缺少社区编号')

  useEffect(() => {
    if (!communityId) return
    callApi('deliberation.config', { communityId }).then(
      (c) =>
        setValues({
          supportPct: `${c.supportPct}`,
          evaluationDays: `${c.evaluationDays}`,
          reopenPct: `${c.reopenPct}`,
        }),
      (e) => setMessage(failureCopy(e, '加载失败，请重试')),
    )
  }, [communityId])

  const save = async () => {
    if (!values) return
    const numbers: DeliberationConfig = {
      supportPct: Number(values.supportPct),
      evaluationDays: Number(values.evaluationDays),
      reopenPct: Number(values.reopenPct),
    }
    const bad = FIELDS.find((f) => {
      const [lo, hi] = ConfigBounds[f.key]
      const n = numbers[f.key]
      return !Number.isInteger(n) || n < lo || n > hi
    })
    if (bad) {
      const [lo, hi] = ConfigBounds[bad.key]
      return setMessage(`${bad.label}应为 ${lo}–${hi} 的整数`)
    }
    setBusy(true)
    setMessage(null)
    try {
      await callApi('deliberation.configure', { communityId, ...numbers })
      toast('已保存')
    } catch (e) {
      setMessage(failureCopy(e, '保存失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page label="议事设置">
      <View className="card">
        <Text className="t-body">新设置只影响之后提出的议题和之后开始的评价。</Text>
      </View>
      {values && (
        <View className="card" ariaRole="form" ariaLabel="议事设置">
          {FIELDS.map((f) => (
            <Field
              key={f.key}
              label={`${f.label}（${f.unit}）`}
              type="number"
              value={values[f.key]}
              hint={`${f.hint}，${ConfigBounds[f.key][0]}–${ConfigBounds[f.key][1]}${f.unit}`}
              onInput={(v) => setValues({ ...values, [f.key]: v })}
            />
          ))}
        </View>
      )}
      <Notice text={message} />
      {values && (
        <SubmitButton busy={busy} onSubmit={save}>
          保存
        </SubmitButton>
      )}
    </Page>
  )
}
