import { joinActions } from '@core/join/api'
import { orderActions } from '@core/orders/api'
import { ordersCopy } from '@core/orders/copy'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

// The reports' and work orders' error copy (src/core/orders/copy.ts): this subpackage meets those codes.
registerCopy(ordersCopy)

/** The reports subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient({
  ...orderActions,
  'join.options': joinActions['join.options'], // components/BuildingPicker
})

/**
 * 接单, then the nudge that has the reporter told and the order counted now (the accept's one write
 * left that owed; docs/adr/0011-order-outbox.md). The nudge is not awaited and never fails the accept.
 */
export async function acceptOrder(orderId: string) {
  const order = await callApi('order.accept', { orderId })
  callApi('order.dispatch', { orderId }).catch(() => undefined)
  return order
}
