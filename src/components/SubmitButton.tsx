import type { ReactNode } from 'react'
import { Button } from './ui'

interface Props {
  /** While true the button spins and cannot be pressed again (one request at a time). */
  readonly busy: boolean
  readonly onSubmit: () => unknown
  /** `btn` plus any spacing class of the page. */
  readonly className?: string
  /** A plain button when something else on the screen is its primary action (one per screen). */
  readonly plain?: boolean
  readonly children: ReactNode
}

/** A form's one primary action: full width, busy while its request runs. */
export function SubmitButton({ busy, onSubmit, className = 'btn', plain, children }: Props) {
  return (
    <Button
      className={className}
      type={plain ? 'default' : 'primary'}
      block
      loading={busy}
      disabled={busy}
      onClick={() => void onSubmit()}
    >
      {children}
    </Button>
  )
}
