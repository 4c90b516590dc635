import { marketActions } from '@core/market/api'
import { marketCopy } from '@core/market/copy'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

// The love supermarket's error copy ships with this subpackage (src/core/market/copy.ts).
registerCopy(marketCopy)

/** The market subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(marketActions)
