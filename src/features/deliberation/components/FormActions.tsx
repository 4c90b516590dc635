import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { SubmitButton } from '../../../components/SubmitButton'
import { Button } from '../../../components/ui'

/** A staff form's two buttons: its one primary action (busy while it runs) and 返回. */
export function FormActions(props: {
  readonly busy: boolean
  readonly onSubmit: () => unknown
  readonly onBack: () => void
  readonly children: ReactNode
}) {
  return (
    <View className="topic__actions">
      <SubmitButton busy={props.busy} onSubmit={props.onSubmit}>
        {props.children}
      </SubmitButton>
      <Button className="btn" block onClick={props.onBack}>
        返回
      </Button>
    </View>
  )
}
