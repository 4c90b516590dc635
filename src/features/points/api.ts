import { activityActions } from '@core/activities/api'
import { pointActions } from '@core/points/api'
import { apiClient } from '../../services/cloud'

/** The points subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient({
  ...pointActions,
  'hours.mine': activityActions['hours.mine'], // pages/hours
})
