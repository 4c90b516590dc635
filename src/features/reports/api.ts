import { joinActions } from '@core/join/api'
import { orderActions } from '@core/orders/api'
import { apiClient } from '../../services/cloud'

/** The reports subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient({
  ...orderActions,
  'join.options': joinActions['join.options'], // components/BuildingPicker
})
