import { Textarea } from '@tarojs/components'

/**
 * A multi-line text box named for screen readers (the name is given to the native element too, so
 * the H5 build's textarea carries it), in body text, elder-sized (its class: the form's text-box mixin).
 */
export function TextBox(props: {
  /** What a screen reader announces (the visible label stands above it, in the form). */
  readonly name: string
  readonly value: string
  readonly maxlength: number
  readonly onInput: (value: string) => void
  readonly placeholder?: string
  /** The box's class (its height, the text-box mixin): topic__textarea, wish__textarea… */
  readonly className?: string
}) {
  return (
    <Textarea
      className={`${props.className ?? 'topic__textarea'} t-body`}
      value={props.value}
      maxlength={props.maxlength}
      placeholder={props.placeholder}
      ariaLabel={props.name}
      nativeProps={{ 'aria-label': props.name }}
      onInput={(e) => props.onInput(e.detail.value)}
    />
  )
}
