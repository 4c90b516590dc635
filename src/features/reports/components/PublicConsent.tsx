import { Text, View } from '@tarojs/components'
import { Switch } from '../../../components/ui'

interface Props {
  readonly on: boolean
  readonly onChange: (on: boolean) => void
}

/**
 * The reporter's opt-in to show the description in the street's public open data (Open311 feed,
 * docs/adr/0025-open311.md). Off unless switched on; the name, phone, home and photos are never shown.
 */
export function PublicConsent({ on, onChange }: Props) {
  return (
    <View>
      <View className="report__switch">
        <Text className="t-body">允许在公开数据中展示问题描述</Text>
        <Switch
          checked={on}
          onChange={onChange}
          ariaLabel="允许在公开数据中展示问题描述"
          loadingIcon={null}
        />
      </View>
      <Text className="t-muted">
        默认不公开。打开后，街道公开的办理数据中会显示您写的问题描述（经内容安全审核）；您的姓名、电话、住址和照片始终不公开。
      </Text>
    </View>
  )
}
