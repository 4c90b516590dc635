import { adminActions } from '@core/admin/api'
import { codeActions } from '@core/codes/api'
import { joinActions } from '@core/join/api'
import { configActions } from '@core/orders/config-api'
import { ordersCopy } from '@core/orders/copy'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

// The order settings page meets the work orders' codes (ORDER.CONFIG_INVALID): their copy ships here too.
registerCopy(ordersCopy)

/** The admin subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient({
  ...adminActions,
  ...codeActions,
  ...configActions,
  'join.options': joinActions['join.options'], // pages/org (StreetCard), pages/staff: place pickers
})
