import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { TopicDetail } from '@core/deliberation/api'
import type { TopicMove } from '@core/deliberation/machine'
import { PLACE_SEPARATOR, type BallotChoice } from '@core/deliberation/model'
import { choiceText } from '@core/deliberation/vote'
import { shortTime } from '@core/china-time'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { SubmitButton } from '../../../../components/SubmitButton'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { BallotButtons, castInput } from '../../components/BallotButtons'
import { CarryForm } from '../../components/CarryForm'
import { Comments } from '../../components/Comments'
import { EnterBallot } from '../../components/EnterBallot'
import { EvaluationCard } from '../../components/EvaluationCard'
import { FormActions } from '../../components/FormActions'
import { Meetings } from '../../components/Meetings'
import { OpenVoteForm } from '../../components/OpenVoteForm'
import { Sources } from '../../components/Sources'
import { TopicPhotos } from '../../components/TopicPhotos'
import { VoteResultCard } from '../../components/VoteResultCard'
import { WorkCard } from '../../components/WorkCard'
import '../../deliberation.scss'
import { TextBox } from '../../../../components/TextBox'

/** Moves that need a word first (a public reason, the decision) or a choice (the vote's rule). */
type Panel = 'none' | 'reject' | 'decide' | 'open_vote' | 'enter' | 'carry'

const MOVE_LABEL: Readonly<Record<TopicMove, string>> = {
  confirm: '立项',
  reject: '不予立项',
  withdraw: '撤回议题',
  open_vote: '发起每户投票',
  close_vote: '结束投票，公布结果',
  decide: '议事会直接决议',
  carry: '安排实施',
  add_work: '增加实施工作',
  finish: '实施完成，开始评价',
  close_evaluation: '结束评价',
}

const DONE: Readonly<Record<'confirm' | 'withdraw' | 'finish' | 'close_evaluation', string>> = {
  confirm: '已立项',
  withdraw: '已撤回',
  finish: '已开始评价',
  close_evaluation: '评价已结束',
}

/**
 * 议题详情: the topic and its five steps. A resident supports it (one per household) and, while the
 * vote runs, casts the household's ballot with big buttons and the rule in one sentence; staff of
 * the grid confirm or reject it, open and close the vote, or record a committee decision, then
 * carry it out (work orders and activities, progress shown from them) and close the households'
 * evaluation. The buttons are the moves the topic machine allows the caller (`can`, computed by
 * the function).
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

  const run = async (call: () => Promise<TopicDetail>, done: string) => {
    setBusy(true)
    setMessage(null)
    try {
      setData(await call())
      setPanel('none')
      setWords('')
      toast(done)
    } catch (e) {
      setMessage(failureCopy(e, '操作失败，请重试'))
      reload()
    } finally {
      setBusy(false)
    }
  }
  const vote = async (choice: BallotChoice) => {
    setBusy(true)
    setMessage(null)
    try {
      const r = await callApi('ballot.cast', { topicId, ...castInput(choice) })
      toast(r.replaced ? '已改票' : '已投票')
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
    if (m === 'carry' || m === 'add_work') return setPanel('carry')
    void run(() => callApi('topic.move', { topicId, move: m }), DONE[m])
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
        <TopicPhotos photos={t.photos} count={t.photoCount} />
        <Text className="t-muted">
          {t.proposerShown} 提出 · {t.placeName} · {shortTime(t.createdAt)}
        </Text>
        {t.buildingIds && (
          <View ariaRole="note" ariaLabel="议题涉及的楼栋">
            <Text className="t-body">
              本议题涉及 {t.placeName.split(PLACE_SEPARATOR)[1] ?? t.placeName}
              ：这些楼栋的住户支持、投票和评价，全网格邻居都可以参与讨论。
            </Text>
          </View>
        )}
        {t.status === 'proposed' && (
          <View>
            <Text className="t-body">
              已有 {t.supports} 户支持，{t.buildingIds ? '所涉楼栋' : '本网格'} {t.households} 户中{' '}
              {t.threshold} 户支持即可立项
              {t.supported ? '（您家已支持）' : ''}
            </Text>
          </View>
        )}
        {t.reason && (
          <View>
            <Text className="t-body">不予立项的理由：{t.reason}</Text>
          </View>
        )}
        {t.decision && (
          <View>
            <Text className="t-body">决议：{t.decision}</Text>
          </View>
        )}
      </View>

      <Sources sources={t.sources} />
      {t.wishId && (
        <View
          className="card"
          ariaRole="link"
          onClick={() =>
            void Taro.navigateTo({
              url: `/features/wishes/pages/detail/index?id=${encodeURIComponent(t.wishId ?? '')}`,
            })
          }
        >
          <Text className="t-body">来自心愿墙的居民建议，查看 ›</Text>
        </View>
      )}

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
          {t.myBallot !== null && (
            <View>
              <Text className="t-body">
                您家已投：{choiceText(t.myBallot, v.options)}
                {t.can.vote ? '（截止前可以更改）' : ''}
              </Text>
            </View>
          )}
          {t.can.vote && <BallotButtons vote={v} busy={busy} onVote={(c) => void vote(c)} />}
        </View>
      )}

      {t.result && <VoteResultCard result={t.result} />}

      {t.work && <WorkCard work={t.work} topic={t} onChanged={setData} />}

      {t.evaluation && (
        <EvaluationCard topicId={topicId} evaluation={t.evaluation} canRate={t.can.rate} onRated={reload} />
      )}

      {panel === 'carry' && (
        <CarryForm
          topicId={topicId}
          first={t.work === null}
          onDone={(next) => {
            setData(next)
            setPanel('none')
            toast(next.work && t.work ? '已增加' : '已开始实施')
          }}
          onBack={() => setPanel('none')}
        />
      )}

      {(panel === 'reject' || panel === 'decide') && (
        <View className="card" ariaRole="form" ariaLabel={MOVE_LABEL[panel]}>
          <Text className="t-body topic__label">
            {panel === 'reject' ? '理由（会公开给居民）' : '决议内容'}
          </Text>
          <TextBox
            name={panel === 'reject' ? '理由' : '决议内容'}
            value={words}
            maxlength={300}
            onInput={setWords}
          />
          <FormActions busy={busy} onSubmit={() => sendWords(panel)} onBack={() => setPanel('none')}>
            确定
          </FormActions>
        </View>
      )}

      {panel === 'open_vote' && (
        <OpenVoteForm
          topicId={topicId}
          gridId={t.gridId}
          buildingIds={t.buildingIds}
          onOpened={(next) => {
            setData(next)
            setPanel('none')
            toast('投票已发起')
          }}
          onBack={() => setPanel('none')}
        />
      )}

      {panel === 'enter' && (
        <EnterBallot
          topicId={topicId}
          gridId={t.gridId}
          buildingIds={t.buildingIds}
          options={v?.options ?? null}
          onDone={(said) => {
            setPanel('none')
            toast(said)
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
      <Comments topicId={topicId} primary={panel === 'none'} />
    </Page>
  )
}
