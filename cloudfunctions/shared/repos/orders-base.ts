/**
 * What every part of the orders store shares: the collections, the community's configuration
 * (categories, SLA) cached per warm instance, reading an order, the caller, the staff a place has,
 * and the deadlines the store shows (a one-write accept's reply deadline) and counts against (the
 * accept deadline of the counters).
 */
import { knownCategory, type CategoryOverride } from '../../../src/core/orders/categories'
import type { OrderRecord } from '../../../src/core/orders/model'
import { slaFor, withReplyDeadline, type SlaOverride, type SlaTable } from '../../../src/core/orders/sla'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import type { Actor } from '../../../src/core/roles'
import { getDoc } from './docs'

export const ORDERS = 'orders'
export const ORDER_CONFIG = 'order_config'
export const ORDER_STATS = 'order_stats'

// ── Community configuration (categories, SLA), cached per warm instance ──

interface OrderConfigRecord extends CategoryOverride {
  readonly sla?: SlaOverride
}
export interface Config {
  readonly override: OrderConfigRecord | null
  readonly sla: SlaTable
}
const CONFIG_TTL_MS = 60_000
const configCache = new Map<string, { at: number; config: Config }>()

export async function configOf(communityId: string): Promise<Config> {
  const hit = configCache.get(communityId)
  if (hit && Date.now() - hit.at < CONFIG_TTL_MS) return hit.config
  const override = await getDoc<OrderConfigRecord>(ORDER_CONFIG, communityId)
  const config = { override, sla: slaFor(override?.sla) }
  configCache.set(communityId, { at: Date.now(), config })
  return config
}

/** An order keeps its category's hazard rule even after the community hides the category. */
export function hazardOf(config: Config, categoryId: string): boolean {
  return knownCategory(config.override, categoryId)?.hazard ?? false
}

/** After a community's config is saved: this instance reads it afresh (others within CONFIG_TTL_MS). */
export function forgetConfig(communityId: string): void {
  configCache.delete(communityId)
}

export const notFound = () => new DomainError(CommonErrorCodes.NOT_FOUND, '工单不存在')

/** Who is calling: the actor and their user record, both read once by the handler kit (identify). */
export interface Caller {
  readonly actor: Actor
  readonly user: UserRecord
}

export async function userOf(userId: string): Promise<UserRecord | null> {
  return getDoc<UserRecord>('users', userId)
}

/** The name a person acts under on a timeline. */
export function nameOfUser(u: UserRecord | null | undefined): string {
  return u?.realName ?? u?.displayName ?? ''
}

export function bodyOf(o: OrderRecord): Omit<OrderRecord, '_id'> {
  const { _id, ...body } = o
  return body
}

export async function readOrder(orderId: string): Promise<OrderRecord | null> {
  const o = await getDoc<OrderRecord>(ORDERS, orderId)
  return o ? { ...o, _id: orderId } : null
}

/** The reply deadline a one-write accept left for its follow-on work to store, shown meanwhile. */
export function withDeadline(o: OrderRecord, config: Config): OrderRecord {
  return withReplyDeadline(o, config.sla, hazardOf(config, o.categoryId))
}
