import { noticesActions } from '@core/notices/api'
import { apiClient } from '../../services/cloud'

/** The notices subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(noticesActions)
