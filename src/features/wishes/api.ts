import { wishActions } from '@core/wishes/api'
import { wishCopy } from '@core/wishes/copy'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

// The wish wall's error copy ships with this subpackage (src/core/wishes/copy.ts).
registerCopy(wishCopy)

/** The wish wall subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(wishActions)

export const WALL_URL = '/features/wishes/pages/index/index'
export const POST_URL = '/features/wishes/pages/post/index'
export const detailUrl = (wishId: string) =>
  `/features/wishes/pages/detail/index?id=${encodeURIComponent(wishId)}`
