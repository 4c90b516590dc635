/**
 * A feature's server side: its routes (`cloudfunctions/api/src/routes/<feature>.ts`) and, when it
 * stores something about a person, its privacy contribution (`repos/<feature>-privacy.ts`). The
 * `api` function lists the features once; routes and privacy contributions are collected from that
 * list (docs/adr/0014-one-shape.md).
 */
import type { PrivacyContribution } from './privacy'

export interface ServerFeature<R extends object = object> {
  /** The feature's folder name (src/core/<name>, src/features/<name>). */
  readonly name: string
  readonly routes: R
  readonly privacy?: PrivacyContribution
}

/** Declares a feature's server side (typed as written, so its routes keep their action names). */
export function defineServerFeature<R extends object>(feature: ServerFeature<R>): ServerFeature<R> {
  return feature
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never

/** Every feature's routes in one table; an action routed by two features fails at load. */
export function collectRoutes<F extends readonly ServerFeature[]>(
  features: F,
): UnionToIntersection<F[number]['routes']> {
  const routes: Record<string, unknown> = {}
  for (const f of features)
    for (const [action, route] of Object.entries(f.routes)) {
      if (action in routes) throw new Error(`action ${action} is routed twice (again by ${f.name})`)
      routes[action] = route
    }
  return routes as UnionToIntersection<F[number]['routes']>
}

/** The privacy contributions of the listed features, in list order. */
export function privacyOf(features: readonly ServerFeature[]): PrivacyContribution[] {
  return features.flatMap((f) => (f.privacy ? [f.privacy] : []))
}
