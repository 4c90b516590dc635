import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '../../../components/ui'
import type { TopicDetail } from '@core/deliberation/api'
import type { WorkView } from '@core/deliberation/carry-api'
import { WorkPhotos } from './WorkPhotos'

/** The activities' publish page, for this topic (its title as the activity's, to edit). */
export const publishFor = (t: Pick<TopicDetail, 'id' | 'title' | 'communityId'>) =>
  `/features/activities/pages/publish/index?communityId=${encodeURIComponent(t.communityId)}` +
  `&topicId=${encodeURIComponent(t.id)}&title=${encodeURIComponent(t.title)}`

const pageOf = (kind: 'order' | 'activity', id: string) =>
  kind === 'order'
    ? `/features/reports/pages/detail/index?id=${id}`
    : `/features/activities/pages/detail/index?activityId=${encodeURIComponent(id)}`

/**
 * 民办 · 公示: what was decided to be done, who is responsible, progress derived from the linked
 * work orders and activities (never typed by hand), and photos of the work. Each item opens its own
 * page; staff of the place add photos, and a community admin publishes an activity for the topic.
 */
export function WorkCard({
  work: w,
  topic,
  onChanged,
}: {
  readonly work: WorkView
  /** The topic (its id, the caller, what they may do); absent: the record alone. */
  readonly topic?: Pick<TopicDetail, 'id' | 'title' | 'communityId' | 'me' | 'can'>
  readonly onChanged?: (next: TopicDetail) => void
}) {
  const said = `已完成 ${w.done}/${w.total} 项，${w.percent}%`
  return (
    <View className="card" ariaRole="region" ariaLabel="实施公示">
      <Text className="t-title">实施公示</Text>
      <View>
        <Text className="t-body">方案：{w.plan}</Text>
      </View>
      <View>
        <Text className="t-body">责任人：{w.responsible}</Text>
      </View>
      <View className="topic__progress" ariaRole="progressbar" ariaLabel={said}>
        <View className="topic__progress-fill" style={{ width: `${w.percent}%` }} />
      </View>
      <Text className="t-body">{said}</Text>
      <View ariaRole="group" ariaLabel="实施事项">
        {w.items.map((i) => (
          <View
            key={i.id}
            className="topic__cell"
            ariaRole="link"
            ariaLabel={`${i.kind === 'order' ? '工单' : '志愿活动'}：${i.title}，${i.state}`}
            onClick={() => void Taro.navigateTo({ url: pageOf(i.kind, i.id) })}
          >
            <Text className="t-body">
              {i.kind === 'order' ? '工单' : '志愿活动'} · {i.title}
            </Text>
            <Text className={i.done ? 'topic__done' : 't-muted'}>
              {i.done ? '✓ ' : ''}
              {i.state}
            </Text>
          </View>
        ))}
      </View>
      {topic && (
        <WorkPhotos
          topicId={topic.id}
          me={topic.me}
          photos={w.photos ?? []}
          canEdit={topic.can.workPhotos}
          onDone={(next) => onChanged?.(next)}
        />
      )}
      {topic?.can.publishActivity && (
        <Button className="btn" block onClick={() => void Taro.navigateTo({ url: publishFor(topic) })}>
          发布志愿活动
        </Button>
      )}
    </View>
  )
}
