import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Button } from './ui'
import './StepForm.scss'

/**
 * One step that needs a few words first (a reason, a code, a photo…): its fields, its one primary
 * action and 返回. Subpackages only (an errand's steps, a wish's).
 */
export function StepForm(props: {
  readonly label: string
  readonly submit: string
  readonly busy: boolean
  readonly onSubmit: () => void
  readonly onBack: () => void
  /** What is wrong with what was filled in, said above the buttons (null: nothing). */
  readonly problem?: string | null
  readonly children: ReactNode
}) {
  return (
    <View className="card" ariaRole="form" ariaLabel={props.label}>
      {props.children}
      {props.problem && (
        <View ariaRole="alert">
          <Text className="t-muted">{props.problem}</Text>
        </View>
      )}
      <View className="step-form__actions">
        <Button className="btn" type="primary" disabled={props.busy} onClick={props.onSubmit}>
          {props.submit}
        </Button>
        <Button className="btn" onClick={props.onBack}>
          返回
        </Button>
      </View>
    </View>
  )
}
