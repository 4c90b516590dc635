import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { DeskViews, type DeskViewKey } from '@core/lending/api'
import { shortTime } from '@core/china-time'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { callApi, LendingPages } from '../../api'
import '../../lending.scss'

const TITLE: Readonly<Record<DeskViewKey, string>> = {
  pickups: '待取用',
  due: '今日到期',
  overdue: '逾期未还',
  maintenance: '维修中',
}
const WHEN: Readonly<Record<DeskViewKey, string>> = {
  pickups: '取用截止',
  due: '到期',
  overdue: '到期',
  maintenance: '送修',
}

/** 百宝屋待办 (staff): pickups waiting, loans due today, overdue loans, items under maintenance. */
export default function StaffListPage() {
  const params = useRouter().params
  const communityId = params.communityId ?? ''
  const view = (DeskViews as readonly string[]).includes(params.view ?? '')
    ? (params.view as DeskViewKey)
    : 'pickups'
  const { items, cursor, error, more, reload } = usePages(`lending.desk:${communityId}:${view}`, (c) =>
    callApi('lending.desk', { communityId, view, ...(c ? { cursor: c } : {}) }).then((p) => ({
      ...p,
      items: p.lines,
    })),
  )
  usePullRefresh(reload)
  return (
    <Page className="lend" label={`百宝屋${TITLE[view]}`}>
      <ChoiceList
        label="查看"
        options={DeskViews.map((v) => ({ id: v, name: TITLE[v] }))}
        selected={view}
        onSelect={(o) => void Taro.redirectTo({ url: LendingPages.staff(communityId, o.id) })}
      />
      <Button className="btn" onClick={() => void Taro.navigateTo({ url: LendingPages.index })}>
        百宝屋全部物品
      </Button>
      <Notice text={error} />
      <PagedList
        label={TITLE[view]}
        items={items}
        cursor={cursor}
        empty={`没有${TITLE[view]}的物品`}
        onMore={more}
        keyOf={(l) => l.id}
        render={(l) => (
          <View
            className="lend-card"
            ariaRole="button"
            onClick={() =>
              void Taro.navigateTo({
                url:
                  view === 'due' || view === 'overdue'
                    ? LendingPages.loan(l.id)
                    : LendingPages.item(l.itemId),
              })
            }
          >
            <Text className="t-body">{l.who ? `${l.itemName} · ${l.who}` : l.itemName}</Text>
            <Text className="t-muted">{`${WHEN[view]}：${shortTime(l.at)}`}</Text>
          </View>
        )}
      />
    </Page>
  )
}
