import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { BallotChoice } from '@core/deliberation/model'
import { ChoiceList } from '../../../components/ChoiceList'
import { Notice } from '../../../components/Notice'
import { failureCopy } from '../../../services/cloud'
import { callApi } from '../api'
import { ballotChoices, castInput } from './BallotButtons'
import { FormActions } from './FormActions'
import { useHouseholdPicker } from './HouseholdPicker'

interface Props {
  readonly topicId: string
  readonly gridId: string
  /** The topic's buildings, when it concerns some: only their households are offered. */
  readonly buildingIds?: readonly string[] | null
  /** An option vote's options (null: 同意/不同意/弃权). */
  readonly options: readonly string[] | null
  readonly onDone: (said: string) => void
  readonly onBack: () => void
}

/**
 * Staff entering a household's ballot: a paper ballot from the meeting, or a proxy ballot cast for
 * an elderly resident, which needs the resident's consent ticked (logged with who cast it). The
 * household is named by building, unit and room; its earlier ballot, if any, is replaced.
 */
export function EnterBallot({ topicId, gridId, buildingIds, options, onDone, onBack }: Props) {
  const [message, setMessage] = useState<string | null>(null)
  const picker = useHouseholdPicker(gridId, setMessage, buildingIds)
  const [choice, setChoice] = useState<BallotChoice | null>(null)
  const [channel, setChannel] = useState<'paper' | 'proxy'>('paper')
  const [consent, setConsent] = useState(false)
  const [busy, setBusy] = useState(false)
  const choices = ballotChoices(options)

  const submit = async () => {
    const { unitId, room } = picker
    if (!unitId || !room || choice === null)
      return setMessage(`请选择楼栋、单元，填写房号并选择${options ? '方案' : '投票意见'}`)
    if (channel === 'proxy' && !consent) return setMessage('代投需要居民本人同意，请先确认')
    setBusy(true)
    setMessage(null)
    try {
      const r = await callApi('ballot.cast', {
        topicId,
        ...castInput(choice),
        channel,
        unitId,
        room,
        ...(channel === 'proxy' ? { consent: true } : {}),
      })
      onDone(r.replaced ? '已录入，替换了该户之前的票' : '已录入')
    } catch (e) {
      setMessage(failureCopy(e, '录入失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card" ariaRole="form" ariaLabel="录入纸质票或代投">
      <ChoiceList
        label="方式"
        options={[
          { id: 'paper', name: '纸质票（议事会现场）' },
          { id: 'proxy', name: '代投（居民本人同意）' },
        ]}
        selected={channel}
        onSelect={(o) => setChannel(o.id as 'paper' | 'proxy')}
      />
      {picker.fields}
      <ChoiceList
        label={options ? '选择的方案' : '投票意见'}
        options={choices.map((c) => ({ id: String(c.id), name: c.label }))}
        selected={choice === null ? null : String(choice)}
        onSelect={(o) => setChoice(choices.find((c) => String(c.id) === o.id)?.id ?? null)}
      />
      {channel === 'proxy' && (
        <ChoiceList
          label="居民本人是否同意代投"
          options={[
            { id: 'yes', name: '居民本人同意，由我代为投票' },
            { id: 'no', name: '未确认' },
          ]}
          selected={consent ? 'yes' : 'no'}
          onSelect={(o) => setConsent(o.id === 'yes')}
        />
      )}
      <Text className="t-muted">每户一票；该户之前的票会被替换。录入人会被记录。</Text>
      <Notice text={message} />
      <FormActions busy={busy} onSubmit={submit} onBack={onBack}>
        录入
      </FormActions>
    </View>
  )
}
