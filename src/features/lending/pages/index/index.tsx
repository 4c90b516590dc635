import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { ItemCard } from '@core/lending/api'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { callApi, LendingPages } from '../../api'
import '../../lending.scss'

const go = (url: string) => void Taro.navigateTo({ url })

function ItemCell({ i }: { readonly i: ItemCard }) {
  return (
    <View className="lend-card" ariaRole="button" onClick={() => go(LendingPages.item(i.id))}>
      <View className="lend-card__head">
        <Text className="t-title">{i.name}</Text>
        <Text className={`lend-status lend-status--${i.status} t-body`}>{i.statusLabel}</Text>
      </View>
      <Text className="t-muted">
        {`${i.location} · 可借 ${i.periodDays} 天${i.pledgePoints > 0 ? ` · 押 ${i.pledgePoints} 积分` : ' · 免押'}${i.queue > 0 ? ` · ${i.queue} 人排队` : ''}`}
      </Text>
    </View>
  )
}

/**
 * 百宝屋: the community's tools and things to borrow, free (a points pledge at most, never cash),
 * each with its status and queue. Residents reach their loans and the donation form; staff reach
 * the desk (借还登记), the inventory and today's lists.
 */
export default function LendingIndexPage() {
  // Staff running several communities open one by its id (the workbench passes it); residents, their own.
  const asked = useRouter().params.communityId ?? ''
  const { items, cursor, error, more, reload, first } = usePages(`lending.items:${asked}`, (c) =>
    callApi('lending.items', { ...(asked ? { communityId: asked } : {}), ...(c ? { cursor: c } : {}) }),
  )
  usePullRefresh(reload)
  const staff = first?.staff ?? false
  const communityId = first?.communityId ?? ''
  return (
    <Page className="lend" label="百宝屋">
      <View className="card">
        <Text className="t-body">
          邻里共享工具，免费借用、按时归还。预约后排队，轮到您时会收到通知，请在取用时限内到存放处领取。
        </Text>
        <View className="lend__actions">
          <Button className="btn" type="primary" onClick={() => go(LendingPages.mine)}>
            我的借用
          </Button>
          <Button className="btn" onClick={() => go(LendingPages.donate)}>
            捐赠工具
          </Button>
        </View>
      </View>
      {staff && (
        <View className="card" ariaRole="region" ariaLabel="百宝屋管理">
          <Text className="t-title">百宝屋管理</Text>
          <View className="lend__actions">
            <Button className="btn" onClick={() => go(LendingPages.desk())}>
              借还登记
            </Button>
            <Button className="btn" onClick={() => go(LendingPages.edit(communityId))}>
              添加物品
            </Button>
            <Button className="btn" onClick={() => go(LendingPages.staff(communityId, 'pickups'))}>
              待取用
            </Button>
            <Button className="btn" onClick={() => go(LendingPages.staff(communityId, 'due'))}>
              今日到期
            </Button>
            <Button className="btn" onClick={() => go(LendingPages.staff(communityId, 'overdue'))}>
              逾期未还
            </Button>
            <Button className="btn" onClick={() => go(LendingPages.staff(communityId, 'maintenance'))}>
              维修中
            </Button>
            <Button className="btn" onClick={() => go(LendingPages.donations(communityId))}>
              捐赠审核
            </Button>
          </View>
        </View>
      )}
      <Notice text={error} />
      <PagedList
        label="百宝屋物品"
        items={items}
        cursor={cursor}
        empty="百宝屋还没有物品"
        onMore={more}
        keyOf={(i) => i.id}
        render={(i) => <ItemCell i={i} />}
      />
    </Page>
  )
}
