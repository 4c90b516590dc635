import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { useProfile } from '../../../../hooks/use-profile'
import { callApi } from '../../api'
import { ActivityCard } from '../../components/ActivityCard'
import { HOURS_URL, publishUrl } from '../../labels'
import { placeIds } from '@core/access'
import { Notice } from '../../../../components/Notice'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import '../../activities.scss'

type When = 'upcoming' | 'mine' | 'past'
const TABS: readonly { id: When; name: string }[] = [
  { id: 'upcoming', name: '即将开始' },
  { id: 'mine', name: '我报名的' },
  { id: 'past', name: '往期' },
]
const EMPTY: Readonly<Record<When, string>> = {
  upcoming: '近期还没有志愿活动，社区发布后会显示在这里。',
  mine: '您还没有报名志愿活动。在“即将开始”里挑一个参加吧。',
  past: '还没有往期活动。',
}

/**
 * 志愿活动: upcoming activities of my community (staff: of the communities they manage), the ones I
 * signed up for (`?when=mine` opens that tab), and past ones; a card opens the detail. Community
 * admins also get 发布活动.
 */
export default function ActivitiesPage() {
  const asked = useRouter().params.when
  const [when, setWhen] = useState<When>(TABS.some((t) => t.id === asked) ? (asked as When) : 'upcoming')
  const profile = useProfile()
  const { items, cursor, error, more, reload } = usePages(when, (c) =>
    callApi('activity.list', { when, ...(c ? { cursor: c } : {}) }),
  )
  usePullRefresh(reload)
  const [publishIn] =
    profile.status === 'ready' ? placeIds(profile.profile.roles, 'community_admin', 'community') : []

  return (
    <Page label="志愿活动">
      <View className="activity__actions">
        {publishIn && (
          <Button
            className="btn"
            type="primary"
            onClick={() => void Taro.navigateTo({ url: publishUrl(publishIn) })}
          >
            发布活动
          </Button>
        )}
        <Button className="btn" onClick={() => void Taro.navigateTo({ url: HOURS_URL })}>
          我的志愿服务记录
        </Button>
      </View>
      <ChoiceList label="查看" options={TABS} selected={when} onSelect={(o) => setWhen(o.id as When)} />
      <Notice text={error} />
      <PagedList
        label={TABS.find((t) => t.id === when)?.name ?? '志愿活动'}
        items={items}
        cursor={cursor}
        empty={EMPTY[when]}
        onMore={more}
        keyOf={(a) => a.activityId}
        render={(a) => <ActivityCard activity={a} />}
      />
    </Page>
  )
}
