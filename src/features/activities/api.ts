import { activityActions } from '@core/activities/api'
import { apiClient } from '../../services/cloud'

/** The activities subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(activityActions)
