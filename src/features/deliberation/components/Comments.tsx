import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { CommentThread, CommentView } from '@core/deliberation/comments-api'
import { shortTime } from '@core/china-time'
import { Notice, toast } from '../../../components/Notice'
import { PagedList } from '../../../components/PagedList'
import { SubmitButton } from '../../../components/SubmitButton'
import { Button } from '../../../components/ui'
import { usePages } from '../../../hooks/use-pages'
import { failureCopy } from '../../../services/cloud'
import { newRequestId } from '../../../services/request-id'
import { callApi } from '../api'
import { FormActions } from './FormActions'
import { TextBox } from '../../../components/TextBox'

const TEXT_MAX = 500
const REASON_MAX = 300

/** Who wrote it: staff with their role (网格员 刘**), so residents see who answered. */
const byline = (c: CommentView) =>
  `${c.authorRole ? `${c.authorRole} ` : ''}${c.authorShown} · ${shortTime(c.createdAt)}`

/**
 * 民议: the topic's discussion. Residents of the grid and its staff write a comment or reply to a
 * top-level one (one level); staff over the place hide a comment with a reason. A hidden comment
 * reads 已隐藏 and its reason; its author and staff still see the text, marked hidden. Which
 * buttons show is the function's answer (`can`, from the comment machine).
 */
export function Comments({
  topicId,
  primary = true,
}: {
  readonly topicId: string
  /** 发表 is the page's primary action unless the page has a form of its own open (one per screen). */
  readonly primary?: boolean
}) {
  const { items, cursor, error, more, reload, first } = usePages(topicId, (c) =>
    callApi('comment.list', { topicId, ...(c ? { cursor: c } : {}) }),
  )
  const [text, setText] = useState('')
  const [replyTo, setReplyTo] = useState<CommentView | null>(null)
  const [hiding, setHiding] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  // One request id per draft: a retry after a lost answer lands on the same comment.
  const requestId = useRef(newRequestId())

  const send = async () => {
    if (!text.trim()) return setMessage('请先写下您的看法')
    setBusy(true)
    setMessage(null)
    try {
      await callApi('comment.post', {
        topicId,
        text: text.trim(),
        requestId: requestId.current,
        ...(replyTo ? { parentId: replyTo.id } : {}),
      })
      requestId.current = newRequestId()
      setText('')
      setReplyTo(null)
      toast('已发表')
      reload()
    } catch (e) {
      setMessage(failureCopy(e, '发表失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const hide = async (commentId: string) => {
    if (!reason.trim()) return setMessage('请写明隐藏的理由（居民会看到）')
    setBusy(true)
    setMessage(null)
    try {
      await callApi('comment.hide', { commentId, reason: reason.trim() })
      setHiding(null)
      setReason('')
      toast('已隐藏')
      reload()
    } catch (e) {
      setMessage(failureCopy(e, '隐藏失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const one = (c: CommentView, reply: boolean) => (
    <View
      key={c.id}
      className={reply ? 'comment comment--reply' : 'comment'}
      ariaRole={reply ? 'listitem' : undefined}
      ariaLabel={`${c.authorRole ?? ''}${c.authorShown}${reply ? '的回复' : '的评论'}`}
    >
      <Text className="t-muted">{byline(c)}</Text>
      {c.hidden && (
        <View className="comment__hidden">
          <Text className="t-body">
            已隐藏：{c.hidden.reason}
            {c.text !== null ? '（仅作者和工作人员可见原文）' : ''}
          </Text>
        </View>
      )}
      {c.text !== null && (
        <View>
          <Text className={c.hidden ? 't-body comment__text--hidden' : 't-body'}>{c.text}</Text>
        </View>
      )}
      {(c.can.reply || c.can.hide) && hiding !== c.id && (
        <View className="comment__actions">
          {c.can.reply && (
            <Button
              className="btn comment__link"
              fill="none"
              ariaLabel={`回复${c.authorShown}`}
              onClick={() => (setReplyTo(c), setMessage(null))}
            >
              回复
            </Button>
          )}
          {c.can.hide && (
            <Button
              className="btn comment__link"
              fill="none"
              ariaLabel={`隐藏${c.authorShown}的${reply ? '回复' : '评论'}`}
              onClick={() => (setHiding(c.id), setReason(''), setMessage(null))}
            >
              隐藏
            </Button>
          )}
        </View>
      )}
      {hiding === c.id && (
        <View ariaRole="form" ariaLabel="隐藏评论">
          <Text className="t-body topic__label">隐藏的理由（居民会看到）</Text>
          <TextBox
            className="comment__textarea"
            name="隐藏的理由"
            value={reason}
            maxlength={REASON_MAX}
            onInput={setReason}
          />
          <FormActions busy={busy} onSubmit={() => hide(c.id)} onBack={() => setHiding(null)}>
            确定隐藏
          </FormActions>
        </View>
      )}
    </View>
  )
  const thread = (c: CommentThread) => (
    <View className="card comment-thread">
      {one(c, false)}
      {c.replies.length > 0 && (
        <View ariaRole="list" ariaLabel="回复">
          {c.replies.map((r) => one(r, true))}
        </View>
      )}
    </View>
  )

  return (
    <View ariaRole="region" ariaLabel="居民议事">
      <View className="card">
        <Text className="t-title">居民议事</Text>
        {first?.canPost && (
          <View ariaRole="form" ariaLabel={replyTo ? `回复${replyTo.authorShown}` : '发表评论'}>
            {replyTo && (
              <View className="comment__replying">
                <Text className="t-body">回复 {replyTo.authorShown}</Text>
                <Button className="btn comment__link" fill="none" onClick={() => setReplyTo(null)}>
                  取消回复
                </Button>
              </View>
            )}
            <TextBox
              className="comment__textarea"
              name="评论内容"
              value={text}
              maxlength={TEXT_MAX}
              placeholder="说说您的看法（不超过 500 字）"
              onInput={setText}
            />
            <SubmitButton busy={busy} onSubmit={send} plain={!primary}>
              发表
            </SubmitButton>
          </View>
        )}
        {first && !first.canPost && <Text className="t-muted">讨论已关闭</Text>}
      </View>
      <Notice text={message ?? error} />
      <PagedList
        label="评论"
        items={items}
        cursor={cursor}
        empty="还没有评论，欢迎说说您的看法"
        onMore={more}
        keyOf={(c) => c.id}
        render={thread}
      />
    </View>
  )
}
