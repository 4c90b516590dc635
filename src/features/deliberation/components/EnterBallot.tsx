import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { joinActions } from '@core/join/api'
import { ChoiceLabel, Choices, type Choice } from '@core/deliberation/model'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { apiClient, failureCopy } from '../../../services/cloud'
import { callApi } from '../api'
import { FormActions } from './FormActions'

/** The buildings and units of the grid, as the join picker lists them. */
const places = apiClient({ 'join.options': joinActions['join.options'] })

interface Props {
  readonly topicId: string
  readonly gridId: string
  readonly onDone: (said: string) => void
  readonly onBack: () => void
}

/**
 * Staff entering a household's ballot: a paper ballot from the meeting, or a proxy ballot cast for
 * an elderly resident, which needs the resident's consent ticked (logged with who cast it). The
 * household is named by building, unit and room; its earlier ballot, if any, is replaced.
 */
export function EnterBallot({ topicId, gridId, onDone, onBack }: Props) {
  const [buildings, setBuildings] = useState<readonly { id: string; name: string }[]>([])
  const [units, setUnits] = useState<readonly { id: string; name: string }[]>([])
  const [building, setBuilding] = useState<string | null>(null)
  const [unit, setUnit] = useState<string | null>(null)
  const [room, setRoom] = useState('')
  const [choice, setChoice] = useState<Choice | null>(null)
  const [channel, setChannel] = useState<'paper' | 'proxy'>('paper')
  const [consent, setConsent] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)

  useEffect(() => {
    places('join.options', { level: 'building', parentId: gridId }).then(setBuildings, (e: unknown) =>
      setMessage(failureCopy(e, '楼栋加载失败，请重试')),
    )
  }, [gridId])
  useEffect(() => {
    setUnit(null)
    if (!building) return setUnits([])
    places('join.options', { level: 'unit', parentId: building }).then(setUnits, (e: unknown) =>
      setMessage(failureCopy(e, '单元加载失败，请重试')),
    )
  }, [building])

  const submit = async () => {
    if (!unit || !room.trim() || !choice) return setMessage('请选择楼栋、单元，填写房号并选择投票意见')
    if (channel === 'proxy' && !consent) return setMessage('代投需要居民本人同意，请先确认')
    setBusy(true)
    setMessage(null)
    try {
      const r = await callApi('ballot.cast', {
        topicId,
        choice,
        channel,
        unitId: unit,
        room: room.trim(),
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
      <ChoiceList label="楼栋" options={buildings} selected={building} onSelect={(o) => setBuilding(o.id)} />
      {building && (
        <ChoiceList label="单元" options={units} selected={unit} onSelect={(o) => setUnit(o.id)} />
      )}
      <Field label="房号" value={room} maxlength={16} placeholder="如 302" onInput={setRoom} />
      <ChoiceList
        label="投票意见"
        options={Choices.map((c) => ({ id: c, name: ChoiceLabel[c] }))}
        selected={choice}
        onSelect={(o) => setChoice(o.id as Choice)}
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
