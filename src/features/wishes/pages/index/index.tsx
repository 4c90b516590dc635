import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { WishTab } from '@core/wishes/api'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { callApi, POST_URL } from '../../api'
import { WishCardView } from '../../components/WishCardView'
import '../../wishes.scss'

const TABS: readonly { id: WishTab; name: string; empty: string }[] = [
  { id: 'open', name: '待认领', empty: '还没有待认领的心愿' },
  { id: 'doing', name: '进行中', empty: '暂时没有正在实现的心愿' },
  { id: 'done', name: '已实现', empty: '还没有实现的心愿，期待第一个温暖的故事' },
  { id: 'mine', name: '我的', empty: '您还没有许过或认领过心愿' },
]
const REVIEW = { id: 'review' as const, name: '待处理', empty: '没有等待核实或确认的心愿' }

/** Taro maps `ariaChecked` to WeChat's aria-checked (and to the DOM attribute on H5); its typings lack it. */
const checked = (on: boolean) => ({ ariaSelected: on }) as object

/**
 * 心愿墙: the grid's wishes as anonymised, numbered cards (待认领 · 进行中 · 已实现 with their stories),
 * my own (我的), and for staff what waits for them (待处理: to check, to confirm for a family, expired).
 * One primary action: 许个心愿.
 */
export default function WishWallPage() {
  const params = useRouter().params
  const gridId = params.gridId || undefined
  const [tab, setTab] = useState<WishTab>((params.tab as WishTab | undefined) ?? 'open')
  const { items, first, cursor, more, reload, error } = usePages(`${tab}:${gridId ?? ''}`, (c) =>
    callApi('wish.list', { tab, ...(gridId ? { gridId } : {}), ...(c ? { cursor: c } : {}) }),
  )
  usePullRefresh(reload)
  const staff = first?.pending !== null && first?.pending !== undefined
  const tabs = staff || tab === 'review' ? [...TABS, REVIEW] : TABS
  const current = tabs.find((t) => t.id === tab) ?? TABS[0]
  return (
    <Page label="心愿墙">
      <View className="card">
        <Text className="t-body">
          邻里的小心愿，由党员帮办和志愿者认领实现。心愿经网格员核实后匿名公示，不显示姓名和门牌。
        </Text>
      </View>
      {staff && (first?.pending ?? 0) > 0 && tab !== 'review' && (
        <Button className="btn wish__new" block onClick={() => setTab('review')}>
          {`${first?.pending ?? 0} 个心愿待核实`}
        </Button>
      )}
      {first?.canPost && (
        <Button
          className="btn wish__new"
          type="primary"
          block
          onClick={() =>
            void Taro.navigateTo({
              url: first?.gridId
                ? `${POST_URL}?gridId=${encodeURIComponent(first.gridId)}${staff ? '&family=1' : ''}`
                : POST_URL,
            })
          }
        >
          许个心愿
        </Button>
      )}
      <View className="wish-tabs" ariaRole="tablist" ariaLabel="心愿分类">
        {tabs.map((t) => (
          <View
            key={t.id}
            className={t.id === tab ? 'wish-tabs__tab btn wish-tabs__tab--on' : 'wish-tabs__tab btn'}
            ariaRole="tab"
            {...checked(t.id === tab)}
            onClick={() => setTab(t.id)}
          >
            {t.name}
          </View>
        ))}
      </View>
      <Notice text={error} />
      <PagedList
        label={`心愿：${current?.name ?? ''}`}
        items={items}
        cursor={cursor}
        empty={current?.empty ?? ''}
        onMore={more}
        keyOf={(w) => w.wishId}
        render={(w) => <WishCardView w={w} />}
      />
    </Page>
  )
}
