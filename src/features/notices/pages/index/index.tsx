import { Text, View } from '@tarojs/components'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { shortTime } from '@core/china-time'
import { callApi } from '../../api'

/** Notices: my community's newest items. */
export default function NoticesPage() {
  const { items, cursor, error, more, reload } = usePages('notices', (c) =>
    callApi('notices.list', c ? { cursor: c } : {}),
  )
  usePullRefresh(reload)
  return (
    <Page label="Notices">
      <Notice text={error} />
      <PagedList
        label="Notices"
        items={items}
        cursor={cursor}
        empty="暂无内容"
        onMore={more}
        keyOf={(i) => i.id}
        render={(i) => (
          <View className="card">
            <Text className="t-body">{i.title}</Text>
            <Text className="t-muted">{shortTime(i.createdAt)}</Text>
          </View>
        )}
      />
    </Page>
  )
}
