import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { WorkView } from '@core/deliberation/carry-api'

const pageOf = (kind: 'order' | 'activity', id: string) =>
  kind === 'order'
    ? `/features/reports/pages/detail/index?id=${id}`
    : `/features/activities/pages/detail/index?id=${id}`

/**
 * 民办 · 公示: what was decided to be done, who is responsible, and progress derived from the linked
 * work orders and activities (never typed by hand). Each item opens its own page.
 */
export function WorkCard({ work: w }: { readonly work: WorkView }) {
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
    </View>
  )
}
