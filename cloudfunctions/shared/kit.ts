import {
  apiActions,
  isApiActionName,
  type ApiActionName,
  type ApiOutput,
  type ApiParsedInput,
} from '../../src/core/api'
import { parseInput } from '../../src/core/contract/validate'
import { CommonErrorCodes, DomainError, isDomainError } from '../../src/core/errors'
import { can } from '../../src/core/permissions'
import { AuditedActions, subjectOfInput, type AccessLogEntry } from '../../src/core/privacy/access-log'
import type { UserRecord } from '../../src/core/me/model'
import type { ActionResult } from '../../src/core/result'
import type { Actor } from '../../src/core/roles'

/** What a route receives besides its parsed input. */
export interface CallContext {
  readonly actor: Actor
  /**
   * The caller's whole user record as identify read it (names, phone, grants), so routes need no
   * second read of the caller. Read at the start of this call: a route that must see its own
   * writes to the record reads it again.
   */
  readonly user: UserRecord
  /** True when this call created the caller's user record (first contact). */
  readonly created: boolean
  readonly requestId: string
}

export type Route<N extends ApiActionName> = (
  input: ApiParsedInput<N>,
  ctx: CallContext,
) => Promise<ApiOutput<N>>
export type Routes = { readonly [N in ApiActionName]: Route<N> }
/** The routes of one feature's actions (cloudfunctions/api/src/routes/*.ts); index.ts merges them. */
export type RoutesFor<A> = { readonly [N in keyof A & ApiActionName]: Route<N> }

export interface KitDeps {
  /** The caller's OPENID from the platform context ('' when there is none, e.g. timers). */
  readonly openId: () => string
  /** Finds (or on first contact creates) the caller's user record: one database read when it exists. */
  readonly identify: (openId: string) => Promise<{ actor: Actor; user: UserRecord; created: boolean }>
  readonly log: (line: Record<string, unknown>) => void
  /** Writes an access log entry: refusals of actions that would read others' personal data. */
  readonly audit?: (entry: AccessLogEntry) => Promise<void>
}

/** SCF passes `request_id` in the context; keep a fallback for callers that do not. */
interface PlatformContext {
  readonly request_id?: string
}

let fallbackCounter = 0
function requestIdOf(context: unknown): string {
  const id = (context as PlatformContext | undefined)?.request_id
  return typeof id === 'string' && id
    ? id
    : `local-${Date.now().toString(36)}-${(fallbackCounter++).toString(36)}`
}

function fail(
  code: DomainError['code'],
  message: string,
  requestId: string,
  details?: DomainError['details'],
) {
  const error = details && details.length > 0 ? { code, message, details } : { code, message }
  return { ok: false as const, error, requestId }
}

/**
 * The handler kit: parse the event, identify the caller from the platform context (never from
 * input), authorise with the core permission table, run the route, map errors to codes.
 */
export function createApiHandler(routes: Routes, deps: KitDeps) {
  return async function main(event: unknown, context: unknown): Promise<ActionResult<unknown>> {
    const requestId = requestIdOf(context)
    const action = (event as { action?: unknown } | null)?.action
    try {
      if (typeof action !== 'string' || !isApiActionName(action)) {
        throw new DomainError(CommonErrorCodes.UNKNOWN_ACTION, `unknown action: ${String(action)}`)
      }
      const openId = deps.openId()
      if (!openId) throw new DomainError(CommonErrorCodes.UNAUTHENTICATED, 'no caller identity')
      const input = parseInput(apiActions[action].input, (event as { input?: unknown }).input ?? {})
      const { actor, user, created } = await deps.identify(openId)
      if (!can(actor, action)) {
        // Refused before any route runs (no role at all): still an attempt on personal data.
        if (deps.audit && AuditedActions.includes(action)) {
          await deps.audit({
            actorId: actor.userId,
            action,
            subject: subjectOfInput(input),
            people: [],
            allowed: false,
            requestId,
            at: new Date(),
          })
        }
        throw new DomainError(CommonErrorCodes.FORBIDDEN, `not allowed: ${action}`)
      }
      const route = routes[action] as Route<typeof action>
      const data = await route(input as never, { actor, user, created, requestId })
      return { ok: true, data, requestId }
    } catch (err) {
      if (isDomainError(err)) {
        deps.log({ level: 'info', requestId, action, code: err.code })
        return fail(err.code, err.message, requestId, err.details)
      }
      deps.log({
        level: 'error',
        requestId,
        action,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      })
      return fail(CommonErrorCodes.INTERNAL, '服务异常，请稍后再试', requestId)
    }
  }
}

export function jsonLog(line: Record<string, unknown>): void {
  console.log(JSON.stringify(line))
}
