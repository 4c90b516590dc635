import { errandActions } from '@core/errands/api'
import { apiClient } from '../../services/cloud'

/** The errands subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(errandActions)
