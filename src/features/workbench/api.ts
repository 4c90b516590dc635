import { workbenchActions } from '@core/workbench/api'
import { apiClient } from '../../services/cloud'

/** The workbench subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(workbenchActions)
