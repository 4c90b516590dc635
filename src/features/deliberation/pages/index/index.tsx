import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { TopicStepLabel, TopicSteps, type TopicStep } from '@core/deliberation/model'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { callApi } from '../../api'
import { HallStats } from '../../components/HallStats'
import '../../deliberation.scss'

const TABS: readonly { id: TopicStep | 'all'; name: string }[] = [
  { id: 'all', name: '全部' },
  ...TopicSteps.map((id) => ({ id, name: TopicStepLabel[id] })),
]
const checked = (on: boolean) => ({ ariaSelected: on }) as object

/**
 * 议事厅: the topics of my grid (收集议题 → 研究讨论 → 形成决议 → 民办实施 → 评价反馈), newest first,
 * with a tab per step. A resident raises a topic from here (the one primary action); staff open a
 * grid's hall with `?gridId=` or a community's with `?communityId=`, and see its counters.
 */
export default function DeliberationHallPage() {
  const { gridId, communityId } = useRouter().params
  const [step, setStep] = useState<TopicStep | 'all'>('all')
  const { items, cursor, error, more, reload, first } = usePages(
    `topics-${gridId ?? communityId ?? 'mine'}-${step}`,
    (c) =>
      callApi('topic.list', {
        ...(gridId ? { gridId } : communityId ? { communityId } : {}),
        ...(step === 'all' ? {} : { step }),
        ...(c ? { cursor: c } : {}),
      }),
  )
  usePullRefresh(reload)
  const resident = first?.canPropose ?? false
  return (
    <Page label="议事厅">
      <View className="card">
        <Text className="t-body">
          大家的事大家议：提出议题，本网格足够多的住户支持后立项，再由居民议事、每户一票表决。
        </Text>
      </View>
      {resident && (
        <Button
          className="btn topic__new"
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: '/features/deliberation/pages/propose/index' })}
        >
          提出议题
        </Button>
      )}
      {first?.staff && <HallStats gridId={first.gridId} communityId={first.communityId} />}
      {first?.canConfigure && (
        <View
          className="topic-cell-link btn"
          ariaRole="link"
          ariaLabel="议事设置"
          onClick={() =>
            void Taro.navigateTo({
              url: `/features/deliberation/pages/settings/index?communityId=${first.communityId}`,
            })
          }
        >
          <Text className="t-body">议事设置</Text>
          <Text className="t-muted">›</Text>
        </View>
      )}
      {first?.canRaise && first.gridId && (
        <Button
          className="btn topic__new"
          block
          onClick={() =>
            void Taro.navigateTo({
              url: `/features/deliberation/pages/sources/index?gridId=${encodeURIComponent(first.gridId ?? '')}`,
            })
          }
        >
          从工单发起议题
        </Button>
      )}
      <View className="hall-tabs" ariaRole="tablist" ariaLabel="议事步骤">
        {TABS.map((tab) => (
          <View
            key={tab.id}
            className={tab.id === step ? 'hall-tabs__tab btn hall-tabs__tab--on' : 'hall-tabs__tab btn'}
            ariaRole="tab"
            {...checked(tab.id === step)}
            onClick={() => setStep(tab.id)}
          >
            {tab.name}
          </View>
        ))}
      </View>
      <Notice text={error} />
      <PagedList
        label="议题"
        items={items}
        cursor={cursor}
        empty={step === 'all' ? '还没有议题，欢迎提出第一个' : `“${TopicStepLabel[step]}”中暂无议题`}
        onMore={more}
        keyOf={(i) => i.id}
        render={(i) => (
          <View
            className="card topic-card"
            ariaRole="link"
            onClick={() =>
              void Taro.navigateTo({ url: `/features/deliberation/pages/topic/index?id=${i.id}` })
            }
          >
            <View className="topic-card__head">
              <Text className="t-title">{i.title}</Text>
              <Text
                className={
                  i.status === 'proposed' || i.status === 'voting'
                    ? 'topic-status topic-status--open'
                    : 'topic-status'
                }
              >
                {i.statusLabel}
              </Text>
            </View>
            <View>
              <Text className="t-muted">{i.placeName}</Text>
            </View>
            {i.status === 'proposed' && (
              <Text className="t-muted">{`已有 ${i.supports} 户支持，${i.threshold} 户即可立项`}</Text>
            )}
          </View>
        )}
      />
    </Page>
  )
}
