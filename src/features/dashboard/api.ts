import { dashboardActions } from '@core/dashboard/api'
import { dashboardCopy } from '@core/dashboard/copy'
import { orderActions } from '@core/orders/api'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

registerCopy(dashboardCopy)

/** The dashboard subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient({
  ...dashboardActions,
  'order.queue': orderActions['order.queue'], // the overdue and 不满意 lists, tap → the order
})
