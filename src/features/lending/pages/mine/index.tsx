import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { LoanView, MyLending } from '@core/lending/api'
import { shortTime } from '@core/china-time'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { callApi, LendingPages } from '../../api'
import '../../lending.scss'

const go = (url: string) => void Taro.navigateTo({ url })

/** 我的借用: my place in each queue, and my loans (newest first), each a tap into it. */
export default function MyLendingPage() {
  const { items, cursor, error, more, reload, first } = usePages('lending.mine', (c) =>
    callApi('lending.mine', c ? { cursor: c } : {}).then((p: MyLending) => ({ ...p, items: p.loans })),
  )
  usePullRefresh(reload)
  const holds = first?.holds ?? []
  return (
    <Page className="lend" label="我的借用">
      {first?.blocked && (
        <View className="card" ariaRole="alert">
          <Text className="t-body">您有物品逾期超过 7 天未还，归还后才能再预约。</Text>
        </View>
      )}
      <View className="card" ariaRole="region" ariaLabel="我的预约">
        <Text className="t-title">我的预约</Text>
        {holds.length === 0 && <Text className="t-body">没有排队中的预约</Text>}
        {holds.map((h) => (
          <View
            key={h.holdId}
            className="lend-card"
            ariaRole="button"
            onClick={() => go(LendingPages.item(h.itemId))}
          >
            <Text className="t-body">{h.itemName}</Text>
            <Text className="t-body">
              {h.status === 'ready'
                ? `请在 ${shortTime(h.readyUntil ?? '')} 前取用`
                : `排队第 ${h.position ?? '-'} 位`}
            </Text>
          </View>
        ))}
      </View>
      <Notice text={error} />
      <PagedList<LoanView>
        label="我的借用记录"
        items={items}
        cursor={cursor}
        empty="还没有借用记录"
        onMore={more}
        keyOf={(l) => l.loanId}
        render={(l) => (
          <View className="lend-card" ariaRole="button" onClick={() => go(LendingPages.loan(l.loanId))}>
            <View className="lend-card__head">
              <Text className="t-body">{l.itemName}</Text>
              <Text className="lend-status t-body">{l.overdue ? '已逾期' : l.statusLabel}</Text>
            </View>
            <Text className="t-muted">
              {l.status === 'out' ? `${shortTime(l.dueAt)} 到期` : `取用 ${shortTime(l.pickedAt)}`}
            </Text>
          </View>
        )}
      />
    </Page>
  )
}
