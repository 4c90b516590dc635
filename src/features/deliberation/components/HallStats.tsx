import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { TopicStatsView } from '@core/deliberation/carry-api'
import { callApi } from '../api'

/**
 * Staff see the hall's counters (kept by the moves, one read): topics raised, on the agenda,
 * decided, carried out and closed; vote participation and satisfaction with outcomes.
 */
export function HallStats({
  gridId,
  communityId,
}: {
  readonly gridId: string | null
  readonly communityId: string
}) {
  const [s, setS] = useState<TopicStatsView | null>(null)
  useEffect(() => {
    callApi('topic.stats', gridId ? { gridId } : { communityId }).then(setS, () => setS(null))
  }, [gridId, communityId])
  if (!s) return null
  const cells: [string, string][] = [
    ['提出', `${s.raised}`],
    ['立项', `${s.confirmed}`],
    ['决议', `${s.decided}`],
    ['实施完成', `${s.done}`],
    ['办结', `${s.evaluated}`],
    ['投票参与率', s.participation === null ? '—' : `${s.participation}%`],
    ['满意率', s.satisfaction === null ? '—' : `${s.satisfaction}%`],
  ]
  return (
    <View
      className="card hall-stats"
      ariaRole="region"
      ariaLabel={gridId ? '本网格议事统计' : '本社区议事统计'}
    >
      {cells.map(([label, value]) => (
        <View key={label} className="hall-stats__cell" ariaLabel={`${label} ${value}`}>
          <Text className="hall-stats__value">{value}</Text>
          <Text className="t-muted">{label}</Text>
        </View>
      ))}
    </View>
  )
}
