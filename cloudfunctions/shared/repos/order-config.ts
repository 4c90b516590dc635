/**
 * A community's work-order configuration in the store: collection `order_config`, `_id` =
 * communityId, the document repos/orders.ts reads (`categories`, `hidden`, `sla`; rules and shape
 * in src/core/orders/config.ts).
 *
 * A save is one transaction: read the document, apply the request in core, write the whole merged
 * document with one `set` (so `categories`/`hidden`/`sla` change together, and a concurrent save
 * either sees this one or conflicts → DATA.CONFLICT). Invalid requests throw before any write.
 * Idempotent on the client's requestId (the document remembers the last few).
 *
 * Caching: repos/orders.ts keeps a read copy per warm instance for up to a minute (CONFIG_TTL_MS),
 * so another warm instance may use the old values for that long.
 */
import { inTransaction, type Tx } from '../tx'
import { can } from '../../../src/core/permissions'
import type { ResolvedPlace } from '../kit'
import {
  applyConfigure,
  ConfigErrors,
  recordPartsOf,
  REMEMBERED_REQUESTS,
  stateOf,
  viewOf,
  type ConfigurePatch,
  type OrderConfigRecord,
  type OrderConfigView,
} from '../../../src/core/orders/config'
import { DomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import { firstDoc, getDoc } from './docs'
import { forgetConfig, ORDER_CONFIG } from './orders'

/** The community the kit resolved and scope-checked (permission rows `order.config` / `order.configure`). */
type CommunityPlace = Pick<ResolvedPlace, 'path' | 'name'>

/** order.config: the effective categories and SLA table of a community, with what is overridden. */
export async function getConfig(actor: Actor, community: CommunityPlace): Promise<OrderConfigView> {
  const communityId = community.path.communityId as string
  const record = await getDoc<OrderConfigRecord>(ORDER_CONFIG, communityId)
  return viewOf(
    { id: communityId, name: community.name },
    stateOf(record),
    can(actor, 'order.configure', community.path),
    record?.updatedAt,
  )
}

/** order.configure: applies the request to the stored document in one transaction. */
export async function configure(
  actor: Actor,
  community: CommunityPlace,
  input: ConfigurePatch & { communityId: string; requestId?: string },
  now: Date,
): Promise<OrderConfigView> {
  const saved = await inTransaction(async (tx: Tx) => {
    const ref = tx.collection(ORDER_CONFIG).doc(input.communityId)
    const record = firstDoc<OrderConfigRecord>((await ref.get()).data)
    const state = stateOf(record)
    if (input.requestId && record?.requestIds?.includes(input.requestId))
      return { state, updatedAt: record.updatedAt }
    const outcome = applyConfigure(state, {
      categories: input.categories,
      sla: input.sla,
      gasRepairPhone: input.gasRepairPhone,
    })
    if (!outcome.ok) throw new DomainError(ConfigErrors.INVALID, '设置有误，未保存', outcome.details)
    const {
      _id,
      categories: _c,
      hidden: _h,
      sla: _s,
      ...kept
    } = (record ?? {}) as OrderConfigRecord & Record<string, unknown>
    const requestIds = input.requestId
      ? [...(record?.requestIds ?? []), input.requestId].slice(-REMEMBERED_REQUESTS)
      : [...(record?.requestIds ?? [])]
    await ref.set({
      ...kept,
      ...recordPartsOf(outcome.state),
      requestIds,
      updatedAt: now,
      updatedBy: actor.userId,
    })
    return { state: outcome.state, updatedAt: now }
  })
  forgetConfig(input.communityId)
  return viewOf({ id: input.communityId, name: community.name }, saved.state, true, saved.updatedAt)
}
