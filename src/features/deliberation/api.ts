import { deliberationActions } from '@core/deliberation/api'
import { orderActions } from '@core/orders/api'
import { deliberationCopy } from '@core/deliberation/copy'
import { ordersCopy } from '@core/orders/copy'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

// Deliberation's error copy ships with this subpackage (src/core/deliberation/copy.ts), and the
// work orders' (its carry form files orders and opens them).
registerCopy(deliberationCopy)
registerCopy(ordersCopy)

/** The deliberation subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient({
  ...deliberationActions,
  'order.get': orderActions['order.get'], // pages/raise: the orders a topic is raised from
})
