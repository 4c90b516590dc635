import { exportsActions } from '@core/exports/api'
import { exportsCopy } from '@core/exports/copy'
import { joinActions } from '@core/join/api'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

registerCopy(exportsCopy)

/** The exports subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient({
  ...exportsActions,
  'join.options': joinActions['join.options'], // the street's communities, for the scope choice
})
