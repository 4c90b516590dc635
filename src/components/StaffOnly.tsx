import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AllStaffRoles, holdsOver } from '@core/access'
import type { ProfileState } from '../hooks/use-profile'
import { Page } from './Page'
import { Button } from './ui'

/**
 * Is this someone a staff page must turn away: signed in, profile loaded, and holding no staff role
 * at all? (While loading, or when the profile could not be read, the page shows itself: the function
 * checks every call anyway.)
 */
export const notStaff = (profile: ProfileState): boolean =>
  profile.status === 'ready' && !holdsOver(profile.profile.roles, AllStaffRoles)

/** What a resident who opens a staff page's address sees instead of the staff screen. */
export function StaffOnlyPage({ label }: { readonly label: string }) {
  return (
    <Page label={label}>
      <View className="card" ariaRole="status">
        <Text className="t-title">此页面仅供工作人员使用</Text>
        <View>
          <Text className="t-muted">如需办理事务，请回到首页。</Text>
        </View>
        <Button className="btn" block onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
          返回首页
        </Button>
      </View>
    </Page>
  )
}
