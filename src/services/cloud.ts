import type { ApiActionName, ApiActions } from '@core/api'
import type { InputOf, OutputOf } from '@core/contract/define'
import { parseInput } from '@core/contract/validate'
import { directoryActions } from '@core/directory/api'
import { CommonErrorCodes, isDomainError, type ErrorCode, type ErrorDetail } from '@core/errors'
import { joinActions } from '@core/join/api'
import { meActions } from '@core/me/api'
import { reportActions } from '@core/orders/report-api'
import type { ActionResult } from '@core/result'
import { workbenchActions } from '@core/workbench/api'
import { latestNoticeActions } from '@core/notices/latest-api'
import { errorCopy, hasCopy } from './error-copy'
import { transport as defaultTransport } from './transport'
import { TransportError, type Transport } from './transport-types'

/**
 * A bad input's own words when they are for a person (they name the field: 请填写 11 位手机号,
 * 姓名格式不正确); null when the schema only has a technical message.
 */
function fieldCopy(details: readonly ErrorDetail[]): string | null {
  return details.find((d) => /[\u4e00-\u9fff]/.test(d.message))?.message ?? null
}

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
    // A code without copy on this device (its subpackage's copy not loaded) reads the function's own
    // words when they are written for a person (Chinese), never a raw English message.
    this.copy =
      (code === CommonErrorCodes.INVALID_INPUT && fieldCopy(details)) ||
      (!hasCopy(code) && /[\u4e00-\u9fa5]/.test(message) ? message : errorCopy(code))
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
 * A subset of the `api` contract: action names of `@core/api`, each with exactly the registry's
 * definition (so a client can neither invent an action nor validate with another schema).
 */
export type ApiActionMap = { readonly [K in ApiActionName]?: ApiActions[K] }

/** Calls an action of `M`; the input is typed by, and checked against, `M`'s schema. */
export type ApiCaller<M extends ApiActionMap> = <N extends keyof M & ApiActionName>(
  action: N,
  input: InputOf<M[N]>,
) => Promise<OutputOf<M[N]>>

/**
 * A client for the actions of `actions` only. Input is checked against the same core schema the
 * function uses, so a bad form never leaves the phone.
 *
 * Every schema a client is built with ships in the package of the code that builds it: the main
 * package uses `callApi` below (only what home, join and me call); each feature subpackage builds
 * its own in `src/features/<feature>/api.ts`, so feature schemas stay out of the main package
 * (docs/adr/0002; guarded by test/weapp/main-package.test.ts).
 */
export function apiClient<M extends ApiActionMap>(actions: M): ApiCaller<M> {
  return async <N extends keyof M & ApiActionName>(
    action: N,
    input: InputOf<M[N]>,
  ): Promise<OutputOf<M[N]>> => {
    const def = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined
    if (!def) throw new Error(`apiClient: ${action} is not one of this client's actions`)
    try {
      parseInput(def.input, input)
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
    const result = raw as ActionResult<OutputOf<M[N]>>
    if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
      throw new ServiceError('INTERNAL', 'malformed response')
    }
    if (!result.ok)
      throw new ServiceError(result.error.code, result.error.message, result.error.details ?? [])
    return result.data
  }
}

/**
 * What main-package code calls (pages/, app.ts, services/, hooks/ and the components pages use);
 * nothing else. Add an entry when a main page starts calling an action.
 */
const mainActions = {
  'me.profile': meActions['me.profile'], // hooks/use-profile, pages/join
  'join.mine': joinActions['join.mine'], // pages/join
  'join.options': joinActions['join.options'],
  'join.submit': joinActions['join.submit'],
  'join.cancel': joinActions['join.cancel'],
  'code.resolve': joinActions['code.resolve'],
  'phone.fromCode': joinActions['phone.fromCode'],
  'directory.card': directoryActions['directory.card'], // components/ServiceCard (home)
  'directory.call': directoryActions['directory.call'],
  'report.submit': reportActions['report.submit'], // services/drafts-report: the outbox retries from app launch
  'order.dispatch': reportActions['order.dispatch'], // services/drafts-report: the nudge after a receipt
  'workbench.summary': workbenchActions['workbench.summary'], // components/StaffCard (home)
  'notice.latest': latestNoticeActions['notice.latest'], // components/LatestNotice (home)
} satisfies ApiActionMap

/** The main package's client: home, join, me and the drafts outbox. Feature code uses its own `api.ts`. */
export const callApi = apiClient(mainActions)
