import { noticesActions } from '@core/notices/api'
import { noticesCopy } from '@core/notices/copy'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

// The notices' error copy ships with this subpackage (src/core/notices/copy.ts).
registerCopy(noticesCopy)

/** The notices subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(noticesActions)
