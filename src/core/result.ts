import type { ErrorCode, ErrorDetail } from './errors'

/** What every action returns over the wire. */
export type ActionResult<T> = ActionSuccess<T> | ActionFailure

export interface ActionSuccess<T> {
  readonly ok: true
  readonly data: T
  readonly requestId?: string
}

export interface ActionFailure {
  readonly ok: false
  readonly error: {
    readonly code: ErrorCode
    readonly message: string
    readonly details?: readonly ErrorDetail[]
  }
  readonly requestId?: string
}
