import { View, Text, Input } from '@tarojs/components'
import './Field.scss'

interface FieldProps {
  readonly label: string
  readonly value: string
  readonly onInput: (value: string) => void
  readonly placeholder?: string
  readonly type?: 'text' | 'number'
  readonly maxlength?: number
  readonly hint?: string
  readonly error?: string | null
}

/** A labelled text field. The label is visible and also given to the native input (screen readers). */
export function Field({
  label,
  value,
  onInput,
  placeholder,
  type = 'text',
  maxlength,
  hint,
  error,
}: FieldProps) {
  return (
    <View className="field">
      <Text className="t-body field__label">{label}</Text>
      <Input
        className="field__input btn"
        value={value}
        type={type}
        maxlength={maxlength}
        placeholder={placeholder}
        ariaLabel={label}
        nativeProps={{ 'aria-label': label }}
        onInput={(e) => onInput(e.detail.value)}
      />
      {hint && !error ? <Text className="t-muted field__hint">{hint}</Text> : null}
      {error ? (
        <View ariaRole="alert">
          <Text className="field__error">{error}</Text>
        </View>
      ) : null}
    </View>
  )
}
