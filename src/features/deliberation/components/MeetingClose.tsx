import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { MeetingView } from '@core/deliberation/meeting-api'
import { meetingPhotoPath, MINUTES_MAX, OPTION_MAX, OPTIONS_MAX } from '@core/deliberation/meeting'
import { Field } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Button } from '../../../components/ui'
import { failureCopy } from '../../../services/cloud'
import { uploadPhoto } from '../../../services/upload'
import type { PickedPhoto } from '../../../services/upload-rules'
import { callApi } from '../api'
import { FormActions } from './FormActions'
import { PhotoPicker } from '../../../components/PhotoPicker'
import { TextBox } from '../../../components/TextBox'

const whole = (s: string) => (/^\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN)

/** What is wrong with the form before anything is sent (the function checks the same rules). */
export function closeProblem(f: {
  minutes: string
  households: string
  people: string
  options: readonly string[]
}): string | null {
  const minutes = [...f.minutes.trim()].length
  if (minutes === 0) return '请填写会议纪要'
  if (minutes > MINUTES_MAX) return `会议纪要不超过 ${MINUTES_MAX} 字`
  const h = whole(f.households)
  const p = whole(f.people)
  if (Number.isNaN(h) || Number.isNaN(p)) return '请填写参会户数和人数（整数）'
  if (h > p) return '参会户数不能多于人数'
  const options = f.options.map((o) => o.trim())
  if (options.some((o) => !o)) return '请填写每个决议选项，或删除空的选项'
  if (options.some((o) => [...o].length > OPTION_MAX)) return `每个决议选项不超过 ${OPTION_MAX} 字`
  if (new Set(options).size !== options.length) return '决议选项不能重复'
  return null
}

/**
 * 关闭会议: the minutes (纪要), the attendance in households and people, photos and the decision
 * options the meeting came to. Photos go up first, each once (a retry reuses what is up), into the
 * closer's own folder for this meeting; then `meeting.close`. A council member closes without photos
 * (`can.photos`: there is no image check, staff are the human check).
 */
export function MeetingClose(props: {
  readonly meeting: MeetingView
  readonly onDone: (m: MeetingView) => void
  readonly onBack: () => void
}) {
  const m = props.meeting
  const [minutes, setMinutes] = useState('')
  const [households, setHouseholds] = useState('')
  const [people, setPeople] = useState('')
  const [options, setOptions] = useState<readonly string[]>([])
  const [photos, setPhotos] = useState<readonly PickedPhoto[]>([])
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  /** Local photo → its file id once uploaded. */
  const uploaded = useRef(new Map<string, string>())

  const submit = async () => {
    const problem = closeProblem({ minutes, households, people, options })
    setMessage(problem)
    if (problem) return
    setBusy(true)
    try {
      const fileIds: string[] = []
      for (const [i, p] of photos.entries()) {
        const path = meetingPhotoPath(m.me, m.id, i + 1)
        const key = `${p.path}→${path}`
        const done = uploaded.current.get(key) ?? (await uploadPhoto(p.path, path))
        uploaded.current.set(key, done)
        fileIds.push(done)
      }
      props.onDone(
        await callApi('meeting.close', {
          meetingId: m.id,
          minutes: minutes.trim(),
          households: whole(households),
          people: whole(people),
          photos: fileIds,
          options: options.map((o) => o.trim()),
        }),
      )
    } catch (e) {
      setMessage(failureCopy(e, '提交失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const setOption = (i: number, value: string) => setOptions(options.map((o, j) => (j === i ? value : o)))
  return (
    <View className="card" ariaRole="form" ariaLabel="关闭会议">
      <Text className="t-body meeting__label">会议纪要（必填，不超过 {MINUTES_MAX} 字）</Text>
      <TextBox
        className="meeting__textarea"
        name="会议纪要"
        value={minutes}
        maxlength={MINUTES_MAX}
        placeholder="议了什么、大家的意见、形成了哪些方案"
        onInput={setMinutes}
      />
      <Field label="参会户数" type="number" value={households} maxlength={6} onInput={setHouseholds} />
      <Field label="参会人数" type="number" value={people} maxlength={6} onInput={setPeople} />
      {m.can.photos ? (
        <PhotoPicker
          label="会议照片"
          photos={photos}
          onChange={setPhotos}
          busy={busy}
          setBusy={setBusy}
          onNotice={setMessage}
        />
      ) : (
        <Text className="t-muted">会议照片由本网格工作人员上传。</Text>
      )}
      <Text className="t-body meeting__label">
        决议选项（选填，最多 {OPTIONS_MAX} 个，可用于之后的每户投票）
      </Text>
      {options.map((o, i) => (
        <View key={i} className="meeting__option">
          <Field label={`选项${i + 1}`} value={o} maxlength={OPTION_MAX} onInput={(v) => setOption(i, v)} />
          <Button className="btn" size="small" onClick={() => setOptions(options.filter((_o, j) => j !== i))}>
            {`删除选项${i + 1}`}
          </Button>
        </View>
      ))}
      {options.length < OPTIONS_MAX && (
        <Button className="btn" block onClick={() => setOptions([...options, ''])}>
          添加选项
        </Button>
      )}
      <Notice text={message} />
      <FormActions busy={busy} onSubmit={submit} onBack={props.onBack}>
        提交纪要，关闭会议
      </FormActions>
    </View>
  )
}
