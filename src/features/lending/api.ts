import { lendingActions } from '@core/lending/api'
import { apiClient } from '../../services/cloud'

/** The lending subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(lendingActions)
