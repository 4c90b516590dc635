import { activityActions } from '@core/activities/api'
import { activitiesCopy } from '@core/activities/copy'
import { pointActions } from '@core/points/api'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

// pages/hours meets the activities' codes: their copy ships here too.
registerCopy(activitiesCopy)

/** The points subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient({
  ...pointActions,
  'hours.mine': activityActions['hours.mine'], // pages/hours
})
