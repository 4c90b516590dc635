import { View, Text, Picker } from '@tarojs/components'

/** A day (`YYYY-MM-DD`) and a from–to time of that day (`HH:mm`). */
export interface DayTimes {
  readonly date: string
  readonly start: string
  readonly end: string
}

interface Props {
  readonly value: DayTimes
  readonly onChange: (patch: Partial<DayTimes>) => void
  /** The first and the last day that may be picked. */
  readonly firstDay: string
  readonly lastDay?: string
  /** The class of the face drawn like an input box (the feature's picker-box). */
  readonly faceClass: string
}

/** A picker's visible face: a big target whose name is its own text (label and value). */
function PickerFace({ text, faceClass }: { readonly text: string; readonly faceClass: string }) {
  return (
    <View className={`${faceClass} btn`} ariaRole="button">
      <Text className="t-body">{text}</Text>
    </View>
  )
}

/** When something happens: a day, then its start and end time, as three pickers (发布活动, 发布互助). */
export function DayTimePickers({ value, onChange, firstDay, lastDay, faceClass }: Props) {
  return (
    <>
      <Picker
        mode="date"
        value={value.date}
        start={firstDay}
        {...(lastDay ? { end: lastDay } : {})}
        onChange={(e) => onChange({ date: String(e.detail.value) })}
      >
        <PickerFace text={`日期：${value.date}`} faceClass={faceClass} />
      </Picker>
      <Picker mode="time" value={value.start} onChange={(e) => onChange({ start: String(e.detail.value) })}>
        <PickerFace text={`开始：${value.start}`} faceClass={faceClass} />
      </Picker>
      <Picker mode="time" value={value.end} onChange={(e) => onChange({ end: String(e.detail.value) })}>
        <PickerFace text={`结束：${value.end}`} faceClass={faceClass} />
      </Picker>
    </>
  )
}
