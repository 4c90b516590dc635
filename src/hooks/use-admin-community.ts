import { placeIds } from '@core/access'
import { useRouter } from '@tarojs/taro'
import { useProfile } from './use-profile'

export type AdminCommunity =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly communityId: string }
  | { readonly status: 'none' }
  | { readonly status: 'error'; readonly message: string }

/**
 * The community a staff page works on (爱心超市管理, 社区基金, 积分管理): the link's `communityId` (网格管理's community cards), else
 * the community of the caller's own community-admin grant (the 我的 entry). The function checks scope.
 */
export function useAdminCommunity(): AdminCommunity {
  const fromLink = useRouter().params.communityId
  const profile = useProfile()
  if (fromLink) return { status: 'ready', communityId: decodeURIComponent(fromLink) }
  if (profile.status === 'loading') return { status: 'loading' }
  if (profile.status !== 'ready')
    return { status: 'error', message: profile.status === 'error' ? profile.message : '请先登录' }
  const own = placeIds(profile.profile.roles, 'community_admin', 'community')[0]
  return own ? { status: 'ready', communityId: own } : { status: 'none' }
}
