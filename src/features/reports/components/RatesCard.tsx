import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { hoursDuration } from '@core/china-time'
import type { OrderRates, RatesView, StatsLevel } from '@core/orders/api'
import { callApi } from '../api'

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`)

function RatesLine({ rates }: { readonly rates: OrderRates }) {
  return (
    <Text className="t-body">
      响应率 {pct(rates.responseRate)} · 解决率 {pct(rates.resolutionRate)} · 满意率{' '}
      {pct(rates.satisfactionRate)} · 按期办结率 {pct(rates.onTimeRate)}
    </Text>
  )
}

/** The three rates (and more) of a grid, community or street; quietly absent when not allowed. */
export function RatesCard({
  level,
  id,
  refresh = 0,
}: {
  readonly level: StatsLevel
  readonly id: string
  readonly refresh?: number
}) {
  const [view, setView] = useState<RatesView | null>(null)
  useEffect(() => {
    callApi('stats.rates', { level, id }).then(setView, () => setView(null))
  }, [level, id, refresh])
  if (!view) return null
  const r = view.rates
  return (
    <View className="card" ariaRole="region" ariaLabel={`${view.name}办理指标`}>
      <Text className="t-title">{view.name} · 办理指标</Text>
      <View>
        <RatesLine rates={r} />
      </View>
      <View>
        <Text className="t-muted">
          共受理 {r.received} 件，在办 {r.open} 件 · 平均接单 {hoursDuration(r.avgAcceptHours)} · 平均答复{' '}
          {hoursDuration(r.avgReplyHours)}
        </Text>
      </View>
      {view.children.map((c) => (
        <View key={c.id}>
          <Text className="t-muted">
            {c.name}：响应率 {pct(c.rates.responseRate)} · 解决率 {pct(c.rates.resolutionRate)} · 满意率{' '}
            {pct(c.rates.satisfactionRate)}
          </Text>
        </View>
      ))}
    </View>
  )
}
