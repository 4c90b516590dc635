import { Text, View } from '@tarojs/components'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { callApi } from '../../api'

/** Lending: my community's newest items. */
export default function LendingPage() {
  const { items, cursor, error, more, reload } = usePages('lending', (c) =>
    callApi('lending.items', c ? { cursor: c } : {}).then((p) => ({ items: p.items, cursor: p.cursor })),
  )
  usePullRefresh(reload)
  return (
    <Page label="Lending">
      <Notice text={error} />
      <PagedList
        label="Lending"
        items={items}
        cursor={cursor}
        empty="暂无内容"
        onMore={more}
        keyOf={(i) => i.id}
        render={(i) => (
          <View className="card">
            <Text className="t-body">{i.name}</Text>
            <Text className="t-muted">{i.statusLabel}</Text>
          </View>
        )}
      />
    </Page>
  )
}
