/**
 * Expected failures are domain errors with namespaced codes (`NAMESPACE.REASON`).
 * The handler kit maps them once to `{ ok:false, error:{ code, message } }`; the client maps
 * codes to friendly Chinese copy (src/services/error-copy.ts). Unexpected errors become INTERNAL.
 */

/** Codes every feature may raise. Feature issues add their own namespaces (REPORT.*, ERRAND.*…). */
export const CommonErrorCodes = {
  /** No platform identity in the call context (no OPENID). */
  UNAUTHENTICATED: 'AUTH.UNAUTHENTICATED',
  /** The caller's roles and place in the grid tree do not allow the action. */
  FORBIDDEN: 'AUTH.FORBIDDEN',
  /** Input failed the action's schema. */
  INVALID_INPUT: 'INPUT.INVALID',
  /** The action name is not part of the contract. */
  UNKNOWN_ACTION: 'INPUT.UNKNOWN_ACTION',
  /** Something the input refers to does not exist (or is not visible to the caller). */
  NOT_FOUND: 'DATA.NOT_FOUND',
  /** A conditional write lost a race; retrying the whole action is safe. */
  CONFLICT: 'DATA.CONFLICT',
  /** Anything unexpected. Logged with a request id, never returned with a stack. */
  INTERNAL: 'INTERNAL',
} as const

/** `NAMESPACE.REASON`, upper snake case on both sides; or the bare INTERNAL. */
export type ErrorCode = `${Uppercase<string>}.${Uppercase<string>}` | 'INTERNAL'

const CODE_PATTERN = /^(?:[A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*|INTERNAL)$/

export function isErrorCode(value: string): value is ErrorCode {
  return CODE_PATTERN.test(value)
}

export interface ErrorDetail {
  readonly path?: string
  readonly message: string
}

export class DomainError extends Error {
  readonly code: ErrorCode
  readonly details: readonly ErrorDetail[]

  constructor(code: ErrorCode, message: string, details: readonly ErrorDetail[] = []) {
    super(message)
    if (!isErrorCode(code)) throw new Error(`malformed error code: ${code}`)
    this.name = 'DomainError'
    this.code = code
    this.details = details
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError
}
