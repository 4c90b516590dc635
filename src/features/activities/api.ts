import { activityActions } from '@core/activities/api'
import { activitiesCopy } from '@core/activities/copy'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

// Activities' error copy ships with this subpackage (src/core/activities/copy.ts).
registerCopy(activitiesCopy)

/** The activities subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(activityActions)
