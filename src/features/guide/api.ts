import { guideActions } from '@core/guide/api'
import { guideCopy } from '@core/guide/copy'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

// The guide's error copy ships with this subpackage (src/core/guide/copy.ts).
registerCopy(guideCopy)

/** The guide subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(guideActions)
