import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { chinaDay, shortTime } from '@core/china-time'
import type { MeetingList } from '@core/deliberation/meeting-api'
import { PLACE_MAX } from '@core/deliberation/meeting'
import { Field } from '../../../components/Field'
import { Notice, toast } from '../../../components/Notice'
import { Button } from '../../../components/ui'
import { failureCopy } from '../../../services/cloud'
import { newRequestId } from '../../../services/request-id'
import { callApi } from '../api'
import { FormActions } from './FormActions'
import '../meeting.scss'

const meetingUrl = (id: string) => `/features/deliberation/pages/meeting/index?id=${encodeURIComponent(id)}`

/** The instant of a China day and time (`YYYY-MM-DD`, `HH:mm`), as an ISO string ('' when not a time). */
export function startsAtOf(date: string, time: string): string {
  const t = Date.parse(`${date}T${time}:00+08:00`)
  return Number.isNaN(t) ? '' : new Date(t).toISOString()
}

/** A picker's visible face: a big target named by its own text (as DayTimePickers draws it). */
function Face({ text }: { readonly text: string }) {
  return (
    <View className="meeting__picker btn" ariaRole="button">
      <Text className="t-body">{text}</Text>
    </View>
  )
}

/**
 * 议事会 on the topic page: the topic's meetings, each opening its page, and for staff of the place
 * while the topic is on the agenda or voted on, 安排议事会 (place, day and time). The grid's
 * households are invited when it is scheduled.
 */
export function Meetings({ topicId, status }: { readonly topicId: string; readonly status: string }) {
  const [list, setList] = useState<MeetingList | null>(null)
  const [open, setOpen] = useState(false)
  const [place, setPlace] = useState('')
  const [date, setDate] = useState(() => chinaDay(new Date(), 1))
  const [time, setTime] = useState('19:00')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  // One request id per form: a retry after a lost answer lands on the same meeting.
  const requestId = useRef(newRequestId())

  useEffect(() => {
    callApi('meeting.list', { topicId }).then(setList, (e: unknown) =>
      setMessage(failureCopy(e, '议事会加载失败，请下拉重试')),
    )
  }, [topicId, status])

  const schedule = async () => {
    if (!place.trim()) return setMessage('请填写会议地点')
    const startsAt = startsAtOf(date, time)
    if (!startsAt || Date.parse(startsAt) <= Date.now()) return setMessage('会议时间应在现在之后')
    setBusy(true)
    setMessage(null)
    try {
      const m = await callApi('meeting.schedule', {
        topicId,
        requestId: requestId.current,
        place: place.trim(),
        startsAt,
      })
      requestId.current = newRequestId()
      setOpen(false)
      setPlace('')
      toast('已安排')
      void Taro.navigateTo({ url: meetingUrl(m.id) })
    } catch (e) {
      setMessage(failureCopy(e, '安排失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  if (!list) return <Notice text={message} />
  if (list.items.length === 0 && !list.canSchedule) return null
  return (
    <View className="card" ariaRole="region" ariaLabel="议事会">
      <Text className="t-title">议事会</Text>
      {list.items.length > 0 && (
        <View className="meeting__list" ariaRole="group" ariaLabel="本议题的议事会">
          {list.items.map((m) => (
            <View
              key={m.id}
              className="meeting__cell"
              ariaRole="link"
              onClick={() => void Taro.navigateTo({ url: meetingUrl(m.id) })}
            >
              <Text className="t-body">
                {shortTime(m.startsAt)} · {m.statusLabel}
              </Text>
              <Text className="t-muted">{m.place}</Text>
            </View>
          ))}
        </View>
      )}
      {list.canSchedule && !open && (
        <Button className="btn" block onClick={() => setOpen(true)}>
          安排议事会
        </Button>
      )}
      {open && (
        <View ariaRole="form" ariaLabel="安排议事会">
          <Field
            label="会议地点"
            value={place}
            maxlength={PLACE_MAX}
            placeholder="如：社区党群服务中心二楼"
            onInput={setPlace}
          />
          <Picker
            mode="date"
            value={date}
            start={chinaDay(new Date())}
            onChange={(e) => setDate(String(e.detail.value))}
          >
            <Face text={`日期：${date}`} />
          </Picker>
          <Picker mode="time" value={time} onChange={(e) => setTime(String(e.detail.value))}>
            <Face text={`时间：${time}`} />
          </Picker>
          <Text className="t-muted">安排后会通知本网格已订阅的居民。</Text>
          <Notice text={message} />
          <FormActions busy={busy} onSubmit={schedule} onBack={() => setOpen(false)}>
            安排并通知居民
          </FormActions>
        </View>
      )}
      {!open && <Notice text={message} />}
    </View>
  )
}
