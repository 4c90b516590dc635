import { holdsOver, holdsWithin } from './access'
import { features } from './features'
import type { OrgPath } from './org/model'
import type { Actor, Role } from './roles'

/**
 * Permission rows: action × role → may the role act, and on what part of the tree. Pages ask `can`
 * what to show; functions ask it what to allow. Each feature declares its rows in its
 * `src/core/<feature>/feature.ts`.
 *
 * - `anyone`: every identified caller, with or without grants (e.g. reading one's own profile).
 * - `roles`: the caller must hold one of these roles; when the action names a target place in the
 *   tree, the grant's scope must contain it (a grid worker of grid A cannot act on grid B).
 */
export type Permission =
  | { readonly anyone: true }
  | {
      readonly roles: readonly Role[]
      /**
       * The input field naming the place the action is on. The handler kit resolves it (an unknown
       * id is DATA.NOT_FOUND) and checks the scope before the route runs; the route gets the place.
       */
      readonly place?: PlaceField
      /** Roles that act on the place from inside it (a grid worker reads their community's config); the rest act over it. */
      readonly inside?: readonly Role[]
      /** The code for a caller with the role but not over this place (default AUTH.FORBIDDEN). */
      readonly outOfScope?: string
    }

/**
 * A row as a feature writes it: the whole rule, or one of its two short forms, `'anyone'` or just the
 * roles (`['resident']`). Short on purpose: every feature's rows ship in the WeChat main package.
 */
export type PermissionRow = Permission | 'anyone' | readonly Role[]

/** The rule a row stands for. */
export function ruleOf(row: PermissionRow): Permission {
  if (row === 'anyone') return { anyone: true }
  return 'length' in row ? { roles: row } : row
}

/** Input fields that name a place, and the level each names. */
export const PlaceFields = { streetId: 'street', communityId: 'community', gridId: 'grid' } as const
export type PlaceField = keyof typeof PlaceFields

/**
 * The single permission table, collected from the features' declarations (`src/core/<feature>/feature.ts`).
 * An action declared by two features is a programming error, caught at load.
 */
export const permissionTable: Readonly<Record<string, Permission>> = collect()

function collect(): Record<string, Permission> {
  const table: Record<string, Permission> = {}
  for (const feature of features) {
    for (const [action, rule] of Object.entries(feature.permissions)) {
      if (action in table) throw new Error(`permission row ${action} declared twice (${feature.name})`)
      table[action] = ruleOf(rule)
    }
  }
  return table
}

export function permissionOf(action: string): Permission | undefined {
  return permissionTable[action]
}

/**
 * May `actor` perform `action`, on `target` (the place's whole path) when the action concerns a
 * place in the tree? Pure and total: unknown actions are denied. Without a target: does the actor
 * hold a role that may perform it anywhere (what a page asks before showing an entry).
 */
export function can(actor: Actor, action: string, target?: OrgPath): boolean {
  const rule = permissionOf(action)
  if (!rule) return false
  if ('anyone' in rule) return true
  if (target === undefined) return holdsOver(actor, rule.roles)
  const over = rule.roles.filter((r) => !rule.inside?.includes(r))
  return holdsOver(actor, over, target) || (!!rule.inside && holdsWithin(actor, rule.inside, target))
}
