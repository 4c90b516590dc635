import { View, Text } from '@tarojs/components'
import { Cell, Switch } from '../../components/ui'
import Taro from '@tarojs/taro'
import { can } from '@core/permissions'
import { RoleLabel } from '@core/roles'
import { Page } from '../../components/Page'
import { setElderMode, useElderMode } from '../../hooks/elder-mode'
import { useProfile } from '../../hooks/use-profile'
import './index.scss'

export default function MePage() {
  const state = useProfile()
  const elder = useElderMode()
  const roles =
    state.status === 'ready' && state.profile.roles.length > 0
      ? [...new Set(state.profile.roles.map((g) => RoleLabel[g.role]))].join('、')
      : '居民（未入格）'

  return (
    <Page label='我的'>
      <View className='card'>
        <Text className='t-title'>{state.status === 'ready' ? state.profile.displayName : '我的'}</Text>
        <View>
          <Text className='t-muted'>身份：{roles}</Text>
        </View>
      </View>
      {state.status === 'ready' && can({ userId: state.profile.userId, grants: state.profile.roles }, 'join.inbox') && (
        <View
          className='card'
          ariaRole='button'
          onClick={() => void Taro.navigateTo({ url: '/features/grid/pages/joins/index' })}
        >
          <Cell className='btn' title={<Text className='t-body'>入格审核</Text>} extra={<Text className='t-muted'>去处理 ›</Text>} />
        </View>
      )}
      <View className='card me__settings'>
        <Cell
          className='btn me__elder'
          title={<Text className='t-body'>长辈模式（大字体、大按钮）</Text>}
          extra={
            <Switch
              checked={elder}
              onChange={(on: boolean) => setElderMode(on)}
              ariaLabel='长辈模式'
              loadingIcon={null}
              className='me__switch'
            />
          }
        />
      </View>
    </Page>
  )
}
