import { marketActions } from '@core/market/api'
import { apiClient } from '../../services/cloud'

/** The market subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(marketActions)
