import Taro from '@tarojs/taro'
import { AdminRoles, holdsOver } from '@core/access'
import type { NoticePage } from '@core/notices/api'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { useProfile } from '../../../../hooks/use-profile'
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
    </Page>
  )
}
