import {
  apiActions,
  isApiActionName,
  type ApiActionName,
  type ApiOutput,
  type ApiParsedInput,
} from '../../src/core/api'
import { parseInput } from '../../src/core/contract/validate'
import { CommonErrorCodes, DomainError, isDomainError } from '../../src/core/errors'
import { can, permissionOf, PlaceFields } from '../../src/core/permissions'
import type { OrgLevel, OrgPath } from '../../src/core/org/model'
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
  /**
   * The place the action names (its permission row's `place` field), resolved and scope-checked
   * by the kit before the route ran; null for actions that name none.
   */
  readonly place: ResolvedPlace | null
  readonly requestId: string
}

/** The place the kit resolved for an action whose permission row names one (a route of such an action only). */
export function placeOf(ctx: CallContext): ResolvedPlace {
  if (!ctx.place) throw new Error('this action names no place (permission row without `place`)')
  return ctx.place
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
  /** Finds a place of the tree by its level and id (one read), or null when there is none. */
  readonly place: (level: OrgLevel, id: string) => Promise<ResolvedPlace | null>
}

/** A place named by an action's input, as the kit resolved it. */
export interface ResolvedPlace {
  readonly level: OrgLevel
  readonly path: OrgPath
  readonly name: string
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

const LEVEL_NAME: Readonly<Record<OrgLevel, string>> = {
  street: '街道',
  community: '社区',
  grid: '网格',
  building: '楼栋',
  unit: '单元',
  household: '家庭',
}

/** The place an action's input names (permission row `place`), resolved; unknown → DATA.NOT_FOUND. */
async function resolvePlace(action: string, input: unknown, deps: KitDeps): Promise<ResolvedPlace | null> {
  const rule = permissionOf(action)
  if (!rule || !('place' in rule) || !rule.place) return null
  const id = (input as Record<string, unknown>)[rule.place]
  if (typeof id !== 'string') return null
  const level = PlaceFields[rule.place]
  const place = await deps.place(level, id)
  if (!place) throw new DomainError(CommonErrorCodes.NOT_FOUND, `${LEVEL_NAME[level]}不存在`)
  return place
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
      const refuse = async (code: DomainError['code'], message: string) => {
        // Refused before any route runs (no role, or not over the place): still an attempt on personal data.
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
        return new DomainError(code, message)
      }
      if (!can(actor, action)) throw await refuse(CommonErrorCodes.FORBIDDEN, `not allowed: ${action}`)
      const place = await resolvePlace(action, input, deps)
      if (place && !can(actor, action, place.path)) {
        const rule = permissionOf(action)
        const code =
          rule && 'outOfScope' in rule && rule.outOfScope ? rule.outOfScope : CommonErrorCodes.FORBIDDEN
        throw await refuse(code as DomainError['code'], '超出您的管理范围')
      }
      const route = routes[action] as Route<typeof action>
      const data = await route(input as never, { actor, user, created, requestId, place })
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
