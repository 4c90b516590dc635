import { adminActions } from './admin/api'
import { codeActions } from './codes/api'
import type { AnyActionDef, InputOf, OutputOf, ParsedInputOf } from './contract/define'
import { directoryActions } from './directory/api'
import { householdActions } from './household/api'
import { joinActions } from './join/api'
import { meActions } from './me/api'
import { orderActions } from './orders/api'
import { errandActions } from './errands/api'
import { pointActions } from './points/api'
import { activityActions } from './activities/api'
import { marketActions } from './market/api'
import { configActions as orderConfigActions } from './orders/config-api'
import { workbenchActions } from './workbench/api'
import { deliberationActions } from './deliberation/api'
import { wishActions } from './wishes/api'
import { noticesActions } from './notices/api'
import { guideActions } from './guide/api'
import { lendingActions } from './lending/api'
import { dashboardActions } from './dashboard/api'
import { exportsActions } from './exports/api'

/**
 * The wire contract of the `api` cloud function: every action name → input schema → output type.
 * Feature modules contribute their `…Actions` maps here.
 */
export const apiActions = {
  ...meActions,
  ...joinActions,
  ...directoryActions,
  ...adminActions,
  ...codeActions,
  ...householdActions,
  ...orderActions,
  ...pointActions,
  ...errandActions,
  ...activityActions,
  ...marketActions,
  ...orderConfigActions,
  ...workbenchActions,
  ...deliberationActions,
  ...wishActions,
  ...noticesActions,
  ...guideActions,
  ...lendingActions,
  ...dashboardActions,
  ...exportsActions,
} satisfies Record<string, AnyActionDef>

export type ApiActions = typeof apiActions
export type ApiActionName = keyof ApiActions
export type ApiInput<N extends ApiActionName> = InputOf<ApiActions[N]>
export type ApiParsedInput<N extends ApiActionName> = ParsedInputOf<ApiActions[N]>
export type ApiOutput<N extends ApiActionName> = OutputOf<ApiActions[N]>

/** The event the `api` function receives (from wx.cloud.callFunction or the local gateway). */
export interface ApiEvent {
  readonly action: string
  readonly input?: unknown
  /** Client-generated id for idempotent retries of writes; echoed back in logs. */
  readonly requestId?: string
}

export function isApiActionName(name: string): name is ApiActionName {
  return Object.prototype.hasOwnProperty.call(apiActions, name)
}
