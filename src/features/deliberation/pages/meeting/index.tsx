import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { MeetingView } from '@core/deliberation/meeting-api'
import { shortTime } from '@core/china-time'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { photoUrls } from '../../../../services/upload'
import { callApi } from '../../api'
import { FormActions } from '../../components/FormActions'
import { MeetingClose } from '../../components/MeetingClose'
import '../../deliberation.scss'
import '../../meeting.scss'
import { TextBox } from '../../../../components/TextBox'

type Panel = 'none' | 'close' | 'cancel'

/**
 * 议事会: a topic's offline meeting — its time, place and status; once held, the minutes, the
 * attendance, photos and the options it came to; once cancelled, why. For its organiser and the
 * staff of the place: 关闭会议 (the minutes form, once it started) and 取消会议 (with a public reason).
 */
export default function MeetingPage() {
  const meetingId = useRouter().params.id ?? ''
  const {
    data: m,
    setData,
    message,
    setMessage,
    reload,
  } = usePageData(meetingId, () => (meetingId ? callApi('meeting.get', { meetingId }) : null), {
    missing: '缺少会议编号',
  })
  const [panel, setPanel] = useState<Panel>('none')
  const [busy, setBusy] = useState(false)
  const [reason, setReason] = useState('')
  const [urls, setUrls] = useState<Record<string, string>>({})
  const photos = m?.photos ?? []
  useEffect(() => {
    if (photos.length) photoUrls(photos).then(setUrls, () => setUrls({}))
  }, [photos.join('|')]) // eslint-disable-line react-hooks/exhaustive-deps

  const done = (next: MeetingView, said: string) => {
    setData(next)
    setPanel('none')
    setMessage(null)
    toast(said)
  }
  const cancel = async () => {
    if (!reason.trim()) return setMessage('请写明取消的原因（会告知居民）')
    setBusy(true)
    setMessage(null)
    try {
      done(await callApi('meeting.cancel', { meetingId, reason: reason.trim() }), '会议已取消')
    } catch (e) {
      setMessage(failureCopy(e, '取消失败，请重试'))
      reload()
    } finally {
      setBusy(false)
    }
  }

  if (!m) {
    return (
      <Page label="议事会">
        <View className="card" ariaRole={message ? 'alert' : 'status'}>
          <Text className="t-body">{message ?? '正在加载…'}</Text>
        </View>
      </Page>
    )
  }
  const mayClose = m.can.moves.includes('close')
  const mayCancel = m.can.moves.includes('cancel')
  return (
    <Page label="议事会">
      <View className="card topic-card" ariaRole="region" ariaLabel="会议">
        <View className="topic-card__head">
          <Text className="t-title">{m.title}</Text>
          <Text className={m.status === 'scheduled' ? 'topic-status topic-status--open' : 'topic-status'}>
            {m.statusLabel}
          </Text>
        </View>
        <Text className="t-body">时间：{shortTime(m.startsAt)}</Text>
        <Text className="t-body">地点：{m.place}</Text>
        <Text className="t-muted">组织人：{m.organiserName}</Text>
        {m.reason && <Text className="t-body">取消原因：{m.reason}</Text>}
      </View>

      {m.status === 'held' && (
        <View className="card" ariaRole="region" ariaLabel="会议纪要">
          <Text className="t-title">会议纪要</Text>
          {m.attendance && (
            <Text className="t-body">
              参会 {m.attendance.households} 户、{m.attendance.people} 人
            </Text>
          )}
          <View>
            <Text className="t-body">{m.minutes}</Text>
          </View>
          {m.options.length > 0 && (
            <View ariaRole="list" ariaLabel="决议选项">
              <Text className="t-body">形成的决议选项：</Text>
              {m.options.map((o, i) => (
                <View key={o} ariaRole="listitem">
                  <Text className="t-body">
                    {i + 1}. {o}
                  </Text>
                </View>
              ))}
            </View>
          )}
          {m.photos.length > 0 && (
            <View className="meeting__photos">
              {m.photos.map((p, i) =>
                urls[p] ? (
                  <Image
                    key={p}
                    className="meeting__photo-img"
                    src={urls[p]}
                    mode="aspectFill"
                    ariaLabel={`会议照片 ${i + 1}`}
                  />
                ) : null,
              )}
            </View>
          )}
        </View>
      )}

      {panel === 'close' && (
        <MeetingClose
          meeting={m}
          onDone={(next) => done(next, '纪要已提交')}
          onBack={() => setPanel('none')}
        />
      )}

      {panel === 'cancel' && (
        <View className="card" ariaRole="form" ariaLabel="取消会议">
          <Text className="t-body meeting__label">取消的原因（会告知受邀居民）</Text>
          <TextBox name="取消的原因" value={reason} maxlength={300} onInput={setReason} />
          <FormActions busy={busy} onSubmit={cancel} onBack={() => setPanel('none')}>
            确定取消会议
          </FormActions>
        </View>
      )}

      {panel === 'none' && m.status === 'scheduled' && (mayClose || mayCancel) && (
        <View className="topic__actions" ariaRole="group" ariaLabel="办理">
          {mayClose && (
            <Button className="btn" type="primary" block onClick={() => setPanel('close')}>
              关闭会议
            </Button>
          )}
          {mayCancel && (
            <Button className="btn" block onClick={() => setPanel('cancel')}>
              取消会议
            </Button>
          )}
        </View>
      )}
      {panel === 'none' && m.status === 'scheduled' && !mayClose && mayCancel && (
        <Text className="t-muted">会议开始后可以填写纪要、关闭会议。</Text>
      )}

      <Notice text={panel === 'close' ? null : message} />

      <Button
        className="btn"
        block
        onClick={() =>
          void Taro.navigateTo({ url: `/features/deliberation/pages/topic/index?id=${m.topicId}` })
        }
      >
        查看议题
      </Button>
    </Page>
  )
}
