import { lendingActions } from '@core/lending/api'
import { lendingCopy } from '@core/lending/copy'
import { apiClient } from '../../services/cloud'
import { registerCopy } from '../../services/error-copy'

// Lending's error copy ships with this subpackage (src/core/lending/copy.ts).
registerCopy(lendingCopy)

/** The 百宝屋 subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(lendingActions)

/** Page paths of the subpackage. */
export const LendingPages = {
  index: '/features/lending/pages/index/index',
  item: (id: string) => `/features/lending/pages/item/index?id=${encodeURIComponent(id)}`,
  loan: (id: string) => `/features/lending/pages/loan/index?id=${encodeURIComponent(id)}`,
  mine: '/features/lending/pages/mine/index',
  desk: (code?: string) =>
    `/features/lending/pages/desk/index${code ? `?code=${encodeURIComponent(code)}` : ''}`,
  edit: (communityId: string, itemId?: string) =>
    `/features/lending/pages/edit/index?communityId=${encodeURIComponent(communityId)}${itemId ? `&itemId=${encodeURIComponent(itemId)}` : ''}`,
  label: (id: string) => `/features/lending/pages/label/index?id=${encodeURIComponent(id)}`,
  staff: (communityId: string, view: string) =>
    `/features/lending/pages/staff/index?communityId=${encodeURIComponent(communityId)}&view=${view}`,
  donate: '/features/lending/pages/donate/index',
  donation: (id: string) => `/features/lending/pages/donation/index?id=${encodeURIComponent(id)}`,
  donations: (communityId: string) =>
    `/features/lending/pages/donations/index?communityId=${encodeURIComponent(communityId)}`,
} as const
