import { Text, View } from '@tarojs/components'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { shortTime } from '@core/china-time'
import { callApi } from '../../api'

/** Guide: my community's newest items. */
export default function GuidePage() {
  const { items, cursor, error, more, reload } = usePages('guide', (c) =>
    callApi('guide.list', c ? { cursor: c } : {}),
  )
  usePullRefresh(reload)
  return (
    <Page label="Guide">
      <Notice text={error} />
      <PagedList
        label="Guide"
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
