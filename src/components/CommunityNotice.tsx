import { View, Text } from '@tarojs/components'
import type { AdminCommunity } from '../hooks/use-admin-community'
import { Page } from './Page'

/** A staff page while its community is not known yet, or when the caller administers none. */
export function CommunityNotice({
  label,
  community,
  none,
}: {
  readonly label: string
  readonly community: Exclude<AdminCommunity, { status: 'ready' }>
  readonly none: string
}) {
  return (
    <Page label={label}>
      <View className="card" ariaRole={community.status === 'loading' ? 'status' : 'alert'}>
        <Text className="t-body">
          {community.status === 'loading'
            ? '正在加载…'
            : community.status === 'none'
              ? none
              : community.message}
        </Text>
      </View>
    </Page>
  )
}
