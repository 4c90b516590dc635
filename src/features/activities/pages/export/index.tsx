import { placeIds } from '@core/access'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { useProfile } from '../../../../hooks/use-profile'
import { HoursExportCard } from '../../components/HoursExportCard'
import '../../activities.scss'

/**
 * 志愿时长导出 (community admins, from 我的): the community's volunteer-hours record as an Excel file,
 * without going through one activity's page first.
 */
export default function HoursExportPage() {
  const profile = useProfile()
  const [message, setMessage] = useState<string | null>(null)
  if (profile.status !== 'ready')
    return (
      <Page label="志愿时长导出">
        <Text className="t-muted">正在加载…</Text>
      </Page>
    )
  const communities = placeIds(profile.profile.roles, 'community_admin', 'community')
  return (
    <Page label="志愿时长导出">
      <Notice text={message} />
      {communities.length === 0 ? (
        <View className="card">
          <Text className="t-body">此页面仅供社区管理员使用</Text>
        </View>
      ) : (
        communities.map((id) => (
          <HoursExportCard
            key={id}
            communityId={id}
            onMessage={setMessage}
            primary={communities.length === 1}
          />
        ))
      )}
    </Page>
  )
}
