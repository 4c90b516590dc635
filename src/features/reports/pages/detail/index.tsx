import { View, Text, Image } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ApiActionName } from '@core/api'
import type { OrderDetail } from '@core/orders/api'
import { Ratings, type Rating } from '@core/orders/model'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { acceptOrder, callApi } from '../../api'
import { photoUrls } from '../../../../services/upload'
import { ReplyForm, replyInput, type ReplyDraft } from '../../components/ReplyForm'
import { Timeline } from '../../components/Timeline'
import { OutcomeLabel, RatingLabel, StatusLabel, TierLabel, shortTime } from '../../labels'
import { Notice, toast } from '../../../../components/Notice'
import { raiseUrl, TopicLinks } from '../../components/TopicLinks'
import '../../reports.scss'

type Panel = 'none' | 'reply' | 'escalate' | 'rate' | 'reopen'

/**
 * 工单详情: the order, its whole timeline (first receiver visible), and what the caller may do now
 * (`can` from the server): staff accept / start / reply / escalate / release; the reporter rates and
 * reopens within the window; a neighbour follows.
 */
/**
 * The reopen rule as the reporter reads it: a rating does not end the window (the problem may come
 * back after a fix); the window, counted from the reply, does (core/orders/machine.ts reopen row).
 */
const reopenRule = (rated: boolean, until: string): string =>
  rated
    ? `已评价。如问题再次出现，可在 ${until} 前申请重新办理，之后不能再申请。`
    : `对答复不满意或问题再次出现，可在 ${until} 前申请重新办理；到期未评价的工单自动办结。`

export default function OrderDetailPage() {
  const orderId = useRouter().params.id ?? ''
  const {
    data: order,
    setData: setOrder,
    message,
    setMessage,
    reload,
  } = usePageData(orderId, () => (orderId ? callApi('order.get', { orderId }) : null), {
    missing: '缺少工单编号',
  })
  const [urls, setUrls] = useState<Record<string, string>>({})
  const [panel, setPanel] = useState<Panel>('none')
  const [busy, setBusy] = useState(false)
  const [reason, setReason] = useState('')
  const [to, setTo] = useState('')
  const [rating, setRating] = useState<Rating | null>(null)
  const [comment, setComment] = useState('')
  useEffect(() => {
    if (order?.photos.length) photoUrls(order.photos).then(setUrls, () => setUrls({}))
  }, [order?.photos])

  /** Runs one move; the answer is the order as it is now. */
  const act = async <N extends ApiActionName>(action: N, run: () => Promise<OrderDetail>, done: string) => {
    setBusy(true)
    setMessage(null)
    try {
      setOrder(await run())
      setPanel('none')
      setReason('')
      setTo('')
      toast(done)
    } catch (e) {
      setMessage(failureCopy(e, '操作失败，请重试'))
      if (action === 'order.accept') reload()
    } finally {
      setBusy(false)
    }
  }

  const sendReply = (d: ReplyDraft) =>
    void act(
      'order.reply',
      () => callApi('order.reply', replyInput(orderId, d)),
      '已答复，居民打开小程序即可看到答复',
    )
  const escalate = () => {
    if (reason.trim().length < 2) return setMessage('请填写上报原因')
    void act(
      'order.escalate',
      () =>
        callApi('order.escalate', {
          orderId,
          reason: reason.trim(),
          ...(to.trim() ? { to: to.trim() } : {}),
        }),
      '已上报上级',
    )
  }
  const rate = () => {
    if (!rating) return setMessage('请选择满意、基本满意或不满意')
    void act(
      'order.rate',
      () =>
        callApi('order.rate', { orderId, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
      '感谢您的评价',
    )
  }
  const reopen = () => {
    if (reason.trim().length < 2) return setMessage('请填写需要重新办理的原因')
    void act(
      'order.reopen',
      () => callApi('order.reopen', { orderId, reason: reason.trim() }),
      '已申请重新办理',
    )
  }

  if (!order) {
    return (
      <Page label="工单详情">
        <View className="card" ariaRole={message ? 'alert' : 'status'}>
          <Text className="t-body">{message ?? '正在加载…'}</Text>
        </View>
      </Page>
    )
  }

  const can = order.can
  const flags = [
    order.overdue && '已超时',
    order.unnotified && '未通知到网格员',
    order.held && '内容待审核',
    order.reopened && '重新办理',
    order.onBehalf && '代居民登记',
  ].filter((f): f is string => typeof f === 'string')

  return (
    <Page label="工单详情">
      <View className="card" ariaRole="region" ariaLabel="工单信息">
        <View className="order-card__head">
          <Text className="t-title">{order.categoryName}</Text>
          <Text className={order.open ? 'order-status order-status--open' : 'order-status'}>
            {StatusLabel[order.status]}
          </Text>
        </View>
        <View>
          <Text className="t-body">{order.text}</Text>
        </View>
        <View>
          <Text className="t-muted">
            {order.placeName} · 当前由{order.department ?? TierLabel[order.tier]}办理 ·{' '}
            {shortTime(order.submittedAt)}
          </Text>
        </View>
        {order.reporterName && (
          <View>
            <Text className="t-muted">上报人：{order.reporterName}</Text>
          </View>
        )}
        {order.onBehalfOf && (
          <View>
            <Text className="t-muted">
              代{order.onBehalfOf.channel === 'phone' ? '来电' : '来访'}居民登记：{order.onBehalfOf.name}
              {order.onBehalfOf.phone ? ` ${order.onBehalfOf.phone}` : ''}
            </Text>
          </View>
        )}
        <View>
          <Text className="t-body">首接负责：{order.firstReceiver ?? '待接单'}</Text>
        </View>
        <View>
          {order.handler && order.handler !== order.firstReceiver && (
            <Text className="t-body">当前承办：{order.handler}</Text>
          )}
        </View>
        {order.dueAt && order.open && (
          <View>
            <Text className="t-muted">办理时限：{shortTime(order.dueAt)}</Text>
          </View>
        )}
        {flags.length > 0 && (
          <View className="order-card__flags">
            {flags.map((f) => (
              <Text key={f} className="order-flag">
                {f}
              </Text>
            ))}
          </View>
        )}
        {order.photos.length > 0 && (
          <View className="report__photos">
            {order.photos.map((p, i) =>
              urls[p] ? (
                <Image
                  key={p}
                  className="report__photo-img"
                  src={urls[p] as string}
                  mode="aspectFill"
                  ariaLabel={`现场照片 ${i + 1}`}
                  onClick={() =>
                    void Taro.previewImage({
                      current: urls[p] as string,
                      urls: order.photos.map((x) => urls[x]).filter((u): u is string => !!u),
                    })
                  }
                />
              ) : null,
            )}
          </View>
        )}
        {order.photoCount > 0 && order.photos.length === 0 && (
          <View>
            <Text className="t-muted">照片审核后公开</Text>
          </View>
        )}
      </View>

      <TopicLinks order={order} />

      {order.reply && (
        <View className="card" ariaRole="region" ariaLabel="办理答复">
          <Text className="t-title">答复：{OutcomeLabel[order.reply.outcome]}</Text>
          <View>
            <Text className="t-body">{order.reply.text}</Text>
          </View>
          {order.reply.promisedDate && <Text className="t-body">承诺 {order.reply.promisedDate} 前办结</Text>}
          {order.reply.reason && <Text className="t-body">原因：{order.reply.reason}</Text>}
          {order.reply.to && <Text className="t-body">转办至：{order.reply.to}</Text>}
        </View>
      )}
      {order.rating && (
        <View className="card">
          <Text className="t-body">
            居民评价：{RatingLabel[order.rating.rating]}
            {order.rating.comment ? `（${order.rating.comment}）` : ''}
          </Text>
        </View>
      )}

      <Notice text={message} />

      <View className="report__actions" ariaRole="group" ariaLabel="可进行的操作">
        {can.release && (
          <Button
            className="btn"
            type="primary"
            disabled={busy}
            onClick={() =>
              void act('order.release', () => callApi('order.release', { orderId }), '已审核通过，内容已公开')
            }
          >
            审核通过
          </Button>
        )}
        {can.accept && (
          <Button
            className="btn"
            type="primary"
            disabled={busy}
            onClick={() => void act('order.accept', () => acceptOrder(orderId), '已接单')}
          >
            接单
          </Button>
        )}
        {can.start && (
          <Button
            className="btn"
            disabled={busy}
            onClick={() => void act('order.start', () => callApi('order.start', { orderId }), '已开始办理')}
          >
            开始办理
          </Button>
        )}
        {can.reply && panel !== 'reply' && (
          <Button className="btn" type="primary" disabled={busy} onClick={() => setPanel('reply')}>
            答复
          </Button>
        )}
        {can.escalate && panel !== 'escalate' && (
          <Button className="btn" disabled={busy} onClick={() => setPanel('escalate')}>
            上报上级
          </Button>
        )}
        {can.rate && panel !== 'rate' && (
          <Button className="btn" type="primary" disabled={busy} onClick={() => setPanel('rate')}>
            评价
          </Button>
        )}
        {can.reopen && panel !== 'reopen' && (
          <Button className="btn" disabled={busy} onClick={() => setPanel('reopen')}>
            重新办理
          </Button>
        )}
        {can.raiseTopic && (
          <Button
            className="btn"
            disabled={busy}
            onClick={() => void Taro.navigateTo({ url: raiseUrl(orderId) })}
          >
            转为议题
          </Button>
        )}
        {can.follow && (
          <Button
            className="btn"
            disabled={busy}
            onClick={() =>
              void act(
                'report.follow',
                () => callApi('report.follow', { orderId }),
                '已关注，可在“我的上报”中查看办理进展',
              )
            }
          >
            关注
          </Button>
        )}
      </View>
      {can.reopen && order.reopenUntil && (
        <Text className="t-muted">{reopenRule(order.rating !== null, shortTime(order.reopenUntil))}</Text>
      )}
      {order.following && !order.mine && <Text className="t-muted">您已关注此问题。</Text>}

      {panel === 'reply' && <ReplyForm busy={busy} onSend={sendReply} onCancel={() => setPanel('none')} />}
      {panel === 'escalate' && (
        <View className="card" ariaRole="form" ariaLabel="上报上级">
          <Field
            label="上报原因"
            value={reason}
            onInput={setReason}
            maxlength={200}
            placeholder="如：需协调物业和供电公司"
          />
          {order.tier === 'street' && (
            <Field label="职能部门" value={to} onInput={setTo} maxlength={50} placeholder="如：区住建局" />
          )}
          <View className="report__actions">
            <Button className="btn" type="primary" disabled={busy} onClick={escalate}>
              确认上报
            </Button>
            <Button className="btn" onClick={() => setPanel('none')}>
              取消
            </Button>
          </View>
        </View>
      )}
      {panel === 'rate' && (
        <View className="card" ariaRole="form" ariaLabel="评价办理结果">
          <Text className="t-title">您对办理结果满意吗？</Text>
          <ChoiceList
            label="满意度"
            options={Ratings.map((r) => ({ id: r, name: RatingLabel[r] }))}
            selected={rating}
            onSelect={(o) => setRating(o.id as Rating)}
          />
          <Field label="说说您的看法（选填）" value={comment} onInput={setComment} maxlength={200} />
          <View className="report__actions">
            <Button className="btn" type="primary" disabled={busy} onClick={rate}>
              提交评价
            </Button>
            <Button className="btn" onClick={() => setPanel('none')}>
              取消
            </Button>
          </View>
        </View>
      )}
      {panel === 'reopen' && (
        <View className="card" ariaRole="form" ariaLabel="申请重新办理">
          {order.reopenUntil && (
            <Text className="t-muted">可在 {shortTime(order.reopenUntil)} 前申请重新办理。</Text>
          )}
          <Field
            label="重新办理的原因"
            value={reason}
            onInput={setReason}
            maxlength={200}
            placeholder="如：灯修好后又坏了"
          />
          <View className="report__actions">
            <Button className="btn" type="primary" disabled={busy} onClick={reopen}>
              确认重新办理
            </Button>
            <Button className="btn" onClick={() => setPanel('none')}>
              取消
            </Button>
          </View>
        </View>
      )}

      <View className="card">
        <Text className="t-title">办理进度</Text>
        <Timeline entries={order.timeline} />
      </View>
    </Page>
  )
}
