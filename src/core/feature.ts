/**
 * A feature's core declaration: who may call its actions, which of them the handler kit audits,
 * and the friendly Chinese copy of its error codes. Each feature keeps one in
 * `src/core/<feature>/feature.ts`; `src/core/features.ts` lists them, and the shared tables
 * (`permissionTable`, `AuditedActions`, the app's error copy) are collected from that list.
 *
 * This file and the feature declarations are light on purpose (no schemas, no valibot): the main
 * package imports them through `can` and the error copy. The action schemas live in the feature's
 * `api.ts`, collected by `src/core/api.ts`.
 */
import type { PermissionRow } from './permissions'

export interface CoreFeature {
  /** The feature's folder name under src/core, src/features and cloudfunctions/api/src/routes. */
  readonly name: string
  /** One row per action of the feature's contract (`src/core/<feature>/api.ts`): `'anyone'`, the roles, or a whole rule. */
  readonly permissions: Readonly<Record<string, PermissionRow>>
  /** Actions whose answers carry other people's personal data: refusals are logged before any route runs. */
  readonly audited?: readonly string[]
  /** Friendly Chinese copy for the feature's error codes (`src/core/<feature>/errors.ts`). */
  readonly copy?: Readonly<Record<string, string>>
}

/** Declares a feature (typed as written, so a row's roles can be read back exactly). */
export function defineFeature<const F extends CoreFeature>(feature: F): F {
  return feature
}
