import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { shortTime } from '@core/china-time'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { callApi, LendingPages } from '../../api'
import '../../lending.scss'

/** 捐赠审核 (staff): the community's donations waiting for a decision, oldest first. */
export default function DonationsPage() {
  const communityId = useRouter().params.communityId ?? ''
  const { items, cursor, error, more, reload } = usePages(`lending.donations:${communityId}`, (c) =>
    callApi('lending.donations', {
      ...(communityId ? { communityId } : {}),
      ...(c ? { cursor: c } : {}),
    }).then((p) => ({
      ...p,
      items: p.donations,
    })),
  )
  usePullRefresh(reload)
  return (
    <Page className="lend" label="捐赠审核">
      <Notice text={error} />
      <PagedList
        label="待审核的捐赠"
        items={items}
        cursor={cursor}
        empty="没有待审核的捐赠"
        onMore={more}
        keyOf={(d) => d.donationId}
        render={(d) => (
          <View
            className="lend-card"
            ariaRole="button"
            onClick={() => void Taro.navigateTo({ url: LendingPages.donation(d.donationId) })}
          >
            <Text className="t-body">{d.text}</Text>
            <Text className="t-muted">{`${d.donorName} · ${shortTime(d.createdAt)}`}</Text>
          </View>
        )}
      />
    </Page>
  )
}
