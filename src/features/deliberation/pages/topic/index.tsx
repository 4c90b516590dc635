import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { TopicDetail } from '@core/deliberation/api'
import type { TopicMove } from '@core/deliberation/machine'
import { ChoiceLabel, type Choice, type VoteRule } from '@core/deliberation/model'
import { shortTime } from '@core/china-time'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { SubmitButton } from '../../../../components/SubmitButton'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { EnterBallot } from '../../components/EnterBallot'
import { FormActions } from '../../components/FormActions'
import { Meetings } from '../../components/Meetings'
import '../../deliberation.scss'

/** Moves that need a word first (a public reason, the decision) or a choice (the vote's rule). */
type Panel = 'none' | 'reject' | 'decide' | 'open_vote' | 'enter'

const MOVE_LABEL: Readonly<Record<TopicMove, string>> = {
  confirm: '立项',
  reject: '不予立项',
  withdraw: '撤回议题',
  open_vote: '发起每户投票',
  close_vote: '结束投票，公布结果',
  decide: '议事会直接决议',
}

const DAYS = [1, 3, 7] as const

/**
 * 议题详情: the topic and its steps. A resident supports it (one per household) and, while the vote
 * runs, casts the household's ballot with big buttons and the rule in one sentence; staff of the
 * grid confirm or reject it, open and close the vote, or record a committee decision. The buttons
 * are the moves the topic machine allows the caller (`can`, computed by the function).
 */
export default function TopicPage() {
  const topicId = useRouter().params.id ?? ''
  const {
    data: t,
    setData,
    message,
    setMessage,
    reload,
  } = usePageData(topicId, () => (topicId ? callApi('topic.get', { topicId }) : null), {
    missing: '缺少议题编号',
  })
  const [panel, setPanel] = useState<Panel>('none')
  const [busy, setBusy] = useState(false)
  const [words, setWords] = useState('')
  const [rule, setRule] = useState<VoteRule>('residents_meeting')
  const [days, setDays] = useState<(typeof DAYS)[number]>(3)

  const run = async (call: () => Promise<TopicDetail>, done: string) => {
    setBusy(true)
    setMessage(null)
    try {
      setData(await call())
      setPanel('none')
      setWords('')
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (e) {
      setMessage(failureCopy(e, '操作失败，请重试'))
      reload()
    } finally {
      setBusy(false)
    }
  }
  const vote = async (choice: Choice) => {
    setBusy(true)
    setMessage(null)
    try {
      const r = await callApi('ballot.cast', { topicId, choice })
      void Taro.showToast({ title: r.replaced ? '已改票' : '已投票', icon: 'success' })
      reload()
    } catch (e) {
      setMessage(failureCopy(e, '投票失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const tap = (m: TopicMove) => {
    if (m === 'reject' || m === 'decide' || m === 'open_vote') return setPanel(m)
    if (m === 'close_vote') return void run(() => callApi('topic.closeVote', { topicId }), '结果已公布')
    void run(() => callApi('topic.move', { topicId, move: m }), m === 'confirm' ? '已立项' : '已撤回')
  }
  const openVote = () => {
    const opensAt = new Date(Date.now() + 60_000)
    const closesAt = new Date(opensAt.getTime() + days * 86_400_000)
    void run(
      () =>
        callApi('topic.openVote', {
          topicId,
          rule,
          ...(rule === 'simple' ? { quorumPct: 30 } : {}),
          opensAt: opensAt.toISOString(),
          closesAt: closesAt.toISOString(),
        }),
      '投票已发起',
    )
  }
  const sendWords = (m: 'reject' | 'decide') => {
    if (!words.trim()) return setMessage(m === 'reject' ? '请写明不予立项的理由（会公开）' : '请写明决议内容')
    void run(
      () => callApi('topic.move', { topicId, move: m, reason: words.trim() }),
      m === 'reject' ? '已处理' : '已记录决议',
    )
  }

  if (!t) {
    return (
      <Page label="议题详情">
        <View className="card" ariaRole={message ? 'alert' : 'status'}>
          <Text className="t-body">{message ?? '正在加载…'}</Text>
        </View>
      </Page>
    )
  }
  const v = t.vote
  return (
    <Page label="议题详情">
      <View className="card topic-card" ariaRole="region" ariaLabel="议题">
        <View className="topic-card__head">
          <Text className="t-title">{t.title}</Text>
          <Text className="topic-status">{t.statusLabel}</Text>
        </View>
        <View>
          <Text className="t-body">{t.text}</Text>
        </View>
        <Text className="t-muted">
          {t.proposerShown} 提出 · {t.placeName} · {shortTime(t.createdAt)}
        </Text>
        {t.status === 'proposed' && (
          <View>
            <Text className="t-body">
              已有 {t.supports} 户支持，本网格 {t.households} 户中 {t.threshold} 户支持即可立项
              {t.supported ? '（您家已支持）' : ''}
            </Text>
          </View>
        )}
        {t.reason && <Text className="t-body">不予立项的理由：{t.reason}</Text>}
        {t.decision && <Text className="t-body">决议：{t.decision}</Text>}
      </View>

      {t.can.support && (
        <SubmitButton busy={busy} onSubmit={() => run(() => callApi('topic.support', { topicId }), '已支持')}>
          支持这个议题
        </SubmitButton>
      )}

      {v && (
        <View className="card" ariaRole="region" ariaLabel="每户投票">
          <Text className="t-title">每户投票 · {v.ruleLabel}</Text>
          <View>
            <Text className="t-body">{v.ruleSentence}</Text>
          </View>
          <Text className="t-muted">
            {shortTime(v.opensAt)} 至 {shortTime(v.closesAt)} · 已有 {v.participated} 户投票
          </Text>
          {t.myBallot && (
            <View>
              <Text className="t-body">
                您家已投：{ChoiceLabel[t.myBallot]}
                {t.can.vote ? '（截止前可以更改）' : ''}
              </Text>
            </View>
          )}
          {t.can.vote && (
            <View className="topic__ballot" ariaRole="group" ariaLabel="投票">
              {(['yes', 'no', 'abstain'] as const).map((c) => (
                <Button key={c} className="btn" block disabled={busy} onClick={() => void vote(c)}>
                  {ChoiceLabel[c]}
                </Button>
              ))}
            </View>
          )}
        </View>
      )}

      {t.result && (
        <View className="card" ariaRole="region" ariaLabel="表决结果">
          <Text className="t-title">表决结果</Text>
          <View>
            <Text className="t-body">{t.result.sentence}</Text>
          </View>
          <Text className="t-muted">
            其中手机投票 {t.result.byChannel.app} 户、纸质票 {t.result.byChannel.paper} 户、代投{' '}
            {t.result.byChannel.proxy} 户
          </Text>
        </View>
      )}

      {(panel === 'reject' || panel === 'decide') && (
        <View className="card" ariaRole="form" ariaLabel={MOVE_LABEL[panel]}>
          <Text className="t-body topic__label">
            {panel === 'reject' ? '理由（会公开给居民）' : '决议内容'}
          </Text>
          <Textarea
            className="topic__textarea t-body"
            value={words}
            maxlength={300}
            ariaLabel={panel === 'reject' ? '理由' : '决议内容'}
            nativeProps={{ 'aria-label': panel === 'reject' ? '理由' : '决议内容' }}
            onInput={(e) => setWords(e.detail.value)}
          />
          <FormActions busy={busy} onSubmit={() => sendWords(panel)} onBack={() => setPanel('none')}>
            确定
          </FormActions>
        </View>
      )}

      {panel === 'open_vote' && (
        <View className="card" ariaRole="form" ariaLabel="发起每户投票">
          <ChoiceList
            label="表决规则"
            options={[
              { id: 'residents_meeting', name: '居民会议规则：过半数户参加，参加户过半数同意' },
              { id: 'simple', name: '简单多数：30% 的户参加，同意多于不同意' },
            ]}
            selected={rule}
            onSelect={(o) => setRule(o.id as VoteRule)}
          />
          <ChoiceList
            label="投票时长"
            options={DAYS.map((d) => ({ id: String(d), name: `${d} 天` }))}
            selected={String(days)}
            onSelect={(o) => setDays(Number(o.id) as (typeof DAYS)[number])}
          />
          <FormActions busy={busy} onSubmit={openVote} onBack={() => setPanel('none')}>
            发起投票
          </FormActions>
        </View>
      )}

      {panel === 'enter' && (
        <EnterBallot
          topicId={topicId}
          gridId={t.gridId}
          onDone={(said) => {
            setPanel('none')
            void Taro.showToast({ title: said, icon: 'success' })
            reload()
          }}
          onBack={() => setPanel('none')}
        />
      )}

      {panel === 'none' && (t.can.moves.length > 0 || t.can.enter) && (
        <View className="topic__actions" ariaRole="group" ariaLabel="办理">
          {t.can.enter && (
            <Button className="btn" block disabled={busy} onClick={() => setPanel('enter')}>
              录入纸质票或代投
            </Button>
          )}
          {t.can.moves.map((m) => (
            <Button key={m} className="btn" block disabled={busy} onClick={() => tap(m)}>
              {MOVE_LABEL[m]}
            </Button>
          ))}
        </View>
      )}

      <Notice text={message} />

      <Meetings topicId={topicId} status={t.status} />

      <View className="card" ariaRole="region" ariaLabel="议事过程">
        <Text className="t-title">议事过程</Text>
        <View className="topic__timeline">
          {t.timeline.map((e, i) => (
            <Text key={i} className="t-body">
              {shortTime(e.at)} {e.byName} {e.what}
              {e.note ? `：${e.note}` : ''}
            </Text>
          ))}
        </View>
      </View>
    </Page>
  )
}
