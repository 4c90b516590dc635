import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AdminRoles, holdsOver } from '@core/access'
import type { NoticePage } from '@core/notices/api'
import { NotifyTemplates } from '@core/notify/templates'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { useProfile } from '../../../../hooks/use-profile'
import { requestSubscription } from '../../../../services/subscribe'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { callApi } from '../../api'
import { NoticeCard } from '../../components/NoticeCard'
import '../../notices.scss'

/** 社区公告: my street's, community's and grid's notices, pinned first, newest first; admins manage theirs. */
export default function NoticesPage() {
  const profile = useProfile()
  const ready = profile.status === 'ready' ? profile.profile : null
  const admin = ready !== null && holdsOver(ready.roles, AdminRoles)
  const resident = ready !== null && holdsOver(ready.roles, 'resident')
  const { items, cursor, error, more, reload } = usePages(resident ? 'notices' : 'notices-none', (c) =>
    resident
      ? callApi('notice.list', c ? { cursor: c } : {})
      : Promise.resolve<NoticePage>({ items: [], cursor: null }),
  )
  usePullRefresh(reload)
  const [failed, setFailed] = useState<string | null>(null)
  /** One tap = one future message (WeChat's one-time subscriptions); must run inside the tap. */
  const subscribe = async () => {
    setFailed(null)
    try {
      const accepted = await requestSubscription([NotifyTemplates.noticePublished.id])
      toast(
        accepted.length > 0 ? '已订阅：下一条重要公告将通过微信提醒您' : '未订阅提醒，您仍可在这里查看公告',
      )
    } catch {
      setFailed('订阅失败，请稍后再试')
    }
  }
  return (
    <Page label="社区公告">
      {admin && (
        <Button
          className="btn"
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: '/features/notices/pages/manage/index' })}
        >
          管理和发布公告
        </Button>
      )}
      <Notice text={error} />
      {ready && !resident ? (
        <Notice role="status" text="加入网格后，这里会显示您所在街道、社区和网格的公告。" />
      ) : (
        <PagedList
          label="公告列表"
          items={items}
          cursor={cursor}
          empty="暂无公告"
          onMore={more}
          keyOf={(n) => n.id}
          render={(n) => <NoticeCard n={n} />}
        />
      )}
      {resident && (
        <Button className="btn" block onClick={() => void subscribe()}>
          订阅重要公告提醒
        </Button>
      )}
      <Notice text={failed} />
    </Page>
  )
}
