import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { Field } from '../../../components/Field'
import { Button } from '../../../components/ui'

/** The check-in code as typed: spaces dropped (people copy it with spaces), 4–12 letters or digits. */
export function typedCode(raw: string): string | null {
  const code = raw.replace(/\s+/g, '')
  return /^[0-9A-Za-z]{4,12}$/.test(code) ? code : null
}

/** 输入签到码: for when scanning is not possible (no camera, an H5 page, a code read aloud). */
export function CodeForm(props: {
  readonly busy: boolean
  readonly onSubmit: (code: string) => void
  readonly note?: string
}) {
  const { busy, onSubmit, note } = props
  const [raw, setRaw] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = () => {
    const code = typedCode(raw)
    setError(code ? null : '请输入现场签到码（6 位字母或数字）')
    if (code) onSubmit(code)
  }
  return (
    <View className="card" ariaRole="form" ariaLabel="输入签到码">
      <Field
        label="签到码"
        value={raw}
        onInput={setRaw}
        maxlength={12}
        placeholder="如：K7P2QX"
        hint="扫不了码时，输入现场签到码下方的 6 位字母或数字"
        error={error}
      />
      <Button className="btn" type="primary" block disabled={busy} onClick={submit}>
        提交签到码
      </Button>
      {note && <Text className="t-muted">{note}</Text>}
    </View>
  )
}
