import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { callApi } from '../../api'
import '../../deliberation.scss'

/**
 * 议事厅: the topics of my grid (民事民提 → 立项 → 投票 → 决议), newest first. A resident raises a
 * topic from here (the one primary action); staff open a grid's hall with `?gridId=`.
 */
export default function DeliberationHallPage() {
  const gridId = useRouter().params.gridId
  const { items, cursor, error, more, reload, first } = usePages(`topics-${gridId ?? 'mine'}`, (c) =>
    callApi('topic.list', { ...(gridId ? { gridId } : {}), ...(c ? { cursor: c } : {}) }),
  )
  usePullRefresh(reload)
  const resident = first?.canPropose ?? false
  const staff = first?.canRaise ?? false
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
      {staff && first && (
        <Button
          className="btn topic__new"
          block
          onClick={() =>
            void Taro.navigateTo({
              url: `/features/deliberation/pages/sources/index?gridId=${encodeURIComponent(first.gridId)}`,
            })
          }
        >
          从工单发起议题
        </Button>
      )}
      <Notice text={error} />
      <PagedList
        label="议题"
        items={items}
        cursor={cursor}
        empty="还没有议题，欢迎提出第一个"
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
            <Text className="t-muted">
              {i.status === 'proposed' ? `已有 ${i.supports} 户支持，${i.threshold} 户即可立项` : i.placeName}
            </Text>
          </View>
        )}
      />
    </Page>
  )
}
