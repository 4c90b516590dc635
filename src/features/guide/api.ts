import { guideActions } from '@core/guide/api'
import { apiClient } from '../../services/cloud'

/** The guide subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(guideActions)
