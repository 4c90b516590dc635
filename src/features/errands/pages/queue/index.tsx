import { Page } from '../../../../components/Page'
import { callApi } from '../../api'
import { ErrandList } from '../../components/ErrandList'
import { usePages } from '../../../../hooks/use-pages'
import { Notice } from '../../../../components/Notice'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import '../../errands.scss'

/** 互助纠纷 (grid workers, community admins): disputed and locked errands of my grid or community; a card opens the errand to settle it. */
export default function ErrandQueuePage() {
  const { items, cursor, error, more, reload } = usePages('queue', (c) =>
    callApi('errand.queue', c ? { cursor: c } : {}),
  )
  usePullRefresh(reload)
  return (
    <Page label="互助纠纷">
      <Notice text={error} />
      <ErrandList
        label="待处理的互助"
        items={items}
        cursor={cursor}
        onMore={more}
        empty="没有待处理的互助纠纷。"
      />
    </Page>
  )
}
