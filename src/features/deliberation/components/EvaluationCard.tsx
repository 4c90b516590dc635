import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { EvaluationView } from '@core/deliberation/carry-api'
import { RatingLabel, Ratings, type Rating } from '@core/deliberation/model'
import { shortTime } from '@core/china-time'
import { Notice, toast } from '../../../components/Notice'
import { Button } from '../../../components/ui'
import { failureCopy } from '../../../services/cloud'
import { callApi } from '../api'
import { TextBox } from '../../../components/TextBox'

/**
 * 民评: while the window is open a household rates the outcome with one big button (and may add a
 * few words); the count is shown once the window closed. Staff read the households' comments,
 * without names.
 */
export function EvaluationCard(props: {
  readonly topicId: string
  readonly evaluation: EvaluationView
  readonly canRate: boolean
  readonly onRated: () => void
}) {
  const e = props.evaluation
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)

  const rate = async (rating: Rating) => {
    setBusy(true)
    setMessage(null)
    try {
      const r = await callApi('topic.rate', {
        topicId: props.topicId,
        rating,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      })
      toast(r.replaced ? '已改为新评价' : '已评价')
      setComment('')
      props.onRated()
    } catch (err) {
      setMessage(failureCopy(err, '评价失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card" ariaRole="region" ariaLabel="居民评价">
      <Text className="t-title">居民评价{e.round > 1 ? `（第 ${e.round} 轮）` : ''}</Text>
      {e.open && <Text className="t-muted">{shortTime(e.closesAt)} 截止，每户一次，截止前可以更改</Text>}
      {e.mine && (
        <View>
          <Text className="t-body">您家的评价：{RatingLabel[e.mine]}</Text>
        </View>
      )}
      {props.canRate && (
        <View ariaRole="group" ariaLabel="您对办理结果满意吗">
          <Text className="t-body topic__label">您对办理结果满意吗？</Text>
          <View className="topic__rating">
            {Ratings.map((r) => (
              <Button key={r} className="btn topic__rate" block disabled={busy} onClick={() => void rate(r)}>
                {RatingLabel[r]}
              </Button>
            ))}
          </View>
          <TextBox
            name="想说的话"
            value={comment}
            maxlength={200}
            placeholder="想说的话（可不填）"
            onInput={setComment}
          />
        </View>
      )}
      {e.result && (
        <View>
          <Text className="t-body">{e.result.sentence}</Text>
        </View>
      )}
      {e.comments.length > 0 && (
        <View ariaRole="group" ariaLabel="居民留言">
          <Text className="t-body topic__label">居民留言（不显示姓名）</Text>
          {e.comments.map((c, i) => (
            <Text key={i} className="t-body topic__cell">
              {c}
            </Text>
          ))}
        </View>
      )}
      <Notice text={message} />
    </View>
  )
}
