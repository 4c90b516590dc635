import { errandActions } from '@core/errands/api'
import { errandsCopy } from '@core/errands/copy'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

// Errands' error copy ships with this subpackage (src/core/errands/copy.ts).
registerCopy(errandsCopy)

/** The errands subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(errandActions)
