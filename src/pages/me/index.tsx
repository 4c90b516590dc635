import { View, Text } from '@tarojs/components'
import { Cell, Switch } from '../../components/ui'
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
