import { apiActions, type ApiActionName, type ApiInput, type ApiOutput } from '@core/api'
import { parseInput } from '@core/contract/validate'
import { isDomainError, type ErrorCode, type ErrorDetail } from '@core/errors'
import type { ActionResult } from '@core/result'
import { errorCopy } from './error-copy'
import { transport as defaultTransport } from './transport'
import { TransportError, type Transport } from './transport-types'

/** A failed call, with a code and Chinese copy ready to show. */
export class ServiceError extends Error {
  readonly code: ErrorCode | 'NETWORK'
  readonly copy: string
  /** Per-field or per-line problems (e.g. `{ path: 'line 3', message }` of a CSV import). */
  readonly details: readonly ErrorDetail[]
  constructor(code: ErrorCode | 'NETWORK', message: string, details: readonly ErrorDetail[] = []) {
    super(message)
    this.name = 'ServiceError'
    this.code = code
    this.copy = errorCopy(code)
    this.details = details
  }
}

/** What to tell the person about a failed call: the code's copy, or the page's own fallback. */
export function failureCopy(err: unknown, fallback: string): string {
  return err instanceof ServiceError ? err.copy : fallback
}

let activeTransport: Transport = defaultTransport

/** Tests and tools swap the transport; pages never do. */
export function useTransport(t: Transport): void {
  activeTransport = t
}

/**
 * Calls an action of the `api` function. Input is checked against the same core schema the
 * function uses, so a bad form never leaves the phone.
 */
export async function callApi<N extends ApiActionName>(action: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  try {
    parseInput(apiActions[action].input, input)
  } catch (err) {
    if (isDomainError(err)) throw new ServiceError(err.code, err.message, err.details)
    throw err
  }
  let raw: unknown
  try {
    raw = await activeTransport('api', { action, input })
  } catch (err) {
    if (err instanceof TransportError && err.status === 401) throw err
    throw new ServiceError('NETWORK', err instanceof Error ? err.message : String(err))
  }
  const result = raw as ActionResult<ApiOutput<N>>
  if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
    throw new ServiceError('INTERNAL', 'malformed response')
  }
  if (!result.ok) throw new ServiceError(result.error.code, result.error.message, result.error.details ?? [])
  return result.data
}
