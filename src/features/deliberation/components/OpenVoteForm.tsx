import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { shortTime } from '@core/china-time'
import type { TopicDetail } from '@core/deliberation/api'
import { DeliberationErrors } from '@core/deliberation/errors'
import { OPTION_TEXT_MAX, OPTIONS_MAX, OPTIONS_MIN, type VoteRule } from '@core/deliberation/model'
import { can } from '@core/permissions'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Button } from '../../../components/ui'
import { useProfile } from '../../../hooks/use-profile'
import { failureCopy, ServiceError } from '../../../services/cloud'
import { callApi } from '../api'
import { FormActions } from './FormActions'
import { HouseholdArea } from './HouseholdArea'

const DAYS = [1, 3, 7] as const
/** 简单多数's quorum as the form offers it. */
export const SIMPLE_QUORUM_PCT = 30

/** Why opening failed: an owners' decision names how many households of the place lack their area. */
function refusal(e: unknown, where: string): string {
  const missing = e instanceof ServiceError && e.details.find((d) => d.path === 'missing')?.message
  if (e instanceof ServiceError && e.code === DeliberationErrors.NO_AREA && missing)
    return `${where}有 ${missing} 户未登记建筑面积，请先登记后再发起业主共同决定`
  return failureCopy(e, '发起失败，请重试')
}

const RULES: readonly { id: VoteRule; name: string }[] = [
  { id: 'residents_meeting', name: '居民会议规则：过半数户参加，参加户过半数同意' },
  { id: 'simple', name: `简单多数：${SIMPLE_QUORUM_PCT}% 的户参加，多数决定` },
  { id: 'owners', name: '业主共同决定：三分之二的户数和面积参加，按户数和面积表决' },
]

/**
 * Staff opening a household vote: the rule (three presets; 业主共同决定 asks whether it is a listed
 * major matter and lets staff record floor areas first), yes/no or 2..6 options (lines added and
 * removed here), and how long it runs. Options are for 居民会议 and 简单多数 only.
 */
export function OpenVoteForm(props: {
  readonly topicId: string
  readonly gridId: string
  /** The topic's buildings, when it concerns some: the vote is theirs. */
  readonly buildingIds?: readonly string[] | null
  readonly onOpened: (t: TopicDetail) => void
  readonly onBack: () => void
}) {
  const [busy, setBusy] = useState(false)
  const [rule, setRule] = useState<VoteRule>('residents_meeting')
  const [kind, setKind] = useState<'yes_no' | 'options'>('yes_no')
  const [options, setOptions] = useState<string[]>(['', ''])
  const [major, setMajor] = useState(false)
  const [days, setDays] = useState<(typeof DAYS)[number]>(3)
  const [areas, setAreas] = useState(false)
  // Staff record floor areas (household.setArea); the grid's council opens the vote once they have.
  // (Until the profile is read the form offers it: the function checks every call anyway.)
  const profile = useProfile()
  const recordsAreas =
    profile.status !== 'ready' ||
    can({ userId: profile.profile.userId, grants: profile.profile.roles }, 'household.setArea')
  const [message, setMessage] = useState<string | null>(null)
  const [from, setFrom] = useState<string | null>(null)
  const withOptions = rule !== 'owners' && kind === 'options'
  const where = props.buildingIds && props.buildingIds.length > 0 ? '议题涉及楼栋' : '本网格'

  // The options the latest held meeting came to, offered as the vote's (staff may change them).
  useEffect(() => {
    callApi('meeting.list', { topicId: props.topicId }).then(
      (list) => {
        const held = list.items.find((m) => m.status === 'held' && m.options.length >= OPTIONS_MIN)
        if (!held) return
        setKind('options')
        setOptions(held.options.slice(0, OPTIONS_MAX))
        setFrom(shortTime(held.startsAt))
      },
      () => undefined,
    )
  }, [props.topicId])

  const submit = async () => {
    const texts = options.map((o) => o.trim())
    if (withOptions && (texts.some((o) => !o) || new Set(texts).size !== texts.length))
      return setMessage('请填写每个方案，方案不能重复')
    setMessage(null)
    setBusy(true)
    const opensAt = new Date(Date.now() + 60_000)
    const closesAt = new Date(opensAt.getTime() + days * 86_400_000)
    try {
      props.onOpened(
        await callApi('topic.openVote', {
          topicId: props.topicId,
          rule,
          ...(rule === 'simple' ? { quorumPct: SIMPLE_QUORUM_PCT } : {}),
          ...(withOptions ? { options: texts } : {}),
          ...(rule === 'owners' ? { major } : {}),
          opensAt: opensAt.toISOString(),
          closesAt: closesAt.toISOString(),
        }),
      )
    } catch (e) {
      setMessage(refusal(e, where))
    } finally {
      setBusy(false)
    }
  }
  const setLine = (i: number, text: string) => setOptions((os) => os.map((o, j) => (j === i ? text : o)))

  return (
    <View className="card" ariaRole="form" ariaLabel="发起每户投票">
      <ChoiceList
        label="表决规则"
        options={RULES}
        selected={rule}
        onSelect={(o) => setRule(o.id as VoteRule)}
      />
      {rule === 'owners' ? (
        <>
          <ChoiceList
            label="事项类别"
            options={[
              { id: 'ordinary', name: '一般事项：参加的户数和面积均过半数同意' },
              { id: 'major', name: '重大事项（使用维修资金、改建重建等）：均四分之三以上同意' },
            ]}
            selected={major ? 'major' : 'ordinary'}
            onSelect={(o) => setMajor(o.id === 'major')}
          />
          <Text className="t-muted">业主共同决定只表决同意或不同意；{where}每户都需登记建筑面积。</Text>
          {!recordsAreas ? (
            <Text className="t-muted">住户面积由本网格工作人员登记。</Text>
          ) : areas ? (
            <HouseholdArea gridId={props.gridId} buildingIds={props.buildingIds} />
          ) : (
            <Button className="btn" block onClick={() => setAreas(true)}>
              登记住户面积
            </Button>
          )}
        </>
      ) : (
        <ChoiceList
          label="表决方式"
          options={[
            { id: 'yes_no', name: '同意 / 不同意' },
            { id: 'options', name: `从 ${OPTIONS_MIN}–${OPTIONS_MAX} 个方案中选一个` },
          ]}
          selected={kind}
          onSelect={(o) => setKind(o.id as 'yes_no' | 'options')}
        />
      )}
      {withOptions && from && <Text className="t-muted">已按 {from} 议事会形成的方案填好，可以修改</Text>}
      {withOptions && (
        <View ariaRole="group" ariaLabel="方案">
          {options.map((o, i) => (
            <View key={i}>
              <Field
                label={`方案 ${i + 1}`}
                value={o}
                maxlength={OPTION_TEXT_MAX}
                placeholder={i === 0 ? '如 充电桩装在3号楼东侧' : `不超过 ${OPTION_TEXT_MAX} 字`}
                onInput={(text) => setLine(i, text)}
              />
              {options.length > OPTIONS_MIN && (
                <Button
                  className="btn"
                  block
                  onClick={() => setOptions((os) => os.filter((_o, j) => j !== i))}
                >
                  {`删除方案 ${i + 1}`}
                </Button>
              )}
            </View>
          ))}
          {options.length < OPTIONS_MAX && (
            <Button className="btn" block onClick={() => setOptions((os) => [...os, ''])}>
              添加方案
            </Button>
          )}
        </View>
      )}
      <ChoiceList
        label="投票时长"
        options={DAYS.map((d) => ({ id: String(d), name: `${d} 天` }))}
        selected={String(days)}
        onSelect={(o) => setDays(Number(o.id) as (typeof DAYS)[number])}
      />
      <Notice text={message} />
      <FormActions busy={busy} onSubmit={submit} onBack={props.onBack}>
        发起投票
      </FormActions>
    </View>
  )
}
