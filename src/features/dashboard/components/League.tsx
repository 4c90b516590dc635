import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { LeagueRow } from '@core/dashboard/api'
import { Tabs } from '../../../components/Tabs'
import {
  GradeLabel,
  LeagueKeyLabel,
  LeagueKeys,
  gradeOf,
  percent,
  sortLeague,
  type LeagueKey,
} from '@core/dashboard/view'

const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const

/** One grid's rate with its grade in words (良好 / 一般 / 需关注), coloured as well, never by colour alone. */
function Graded({ rate, name }: { readonly rate: number | null; readonly name: string }) {
  const g = gradeOf(rate)
  return (
    <View className="dash-league__rate" ariaLabel={`${name} ${percent(rate)}，${GradeLabel[g]}`}>
      <Text className="t-body">{percent(rate)}</Text>
      <Text className={`dash-grade dash-grade--${g}`}>{GradeLabel[g]}</Text>
    </View>
  )
}

/** The grid league table: one row per grid, sorted by the column chosen. */
export function League({ rows }: { readonly rows: readonly LeagueRow[] }) {
  const [key, setKey] = useState<LeagueKey>('responseRate')
  const sorted = sortLeague(rows, key)
  return (
    <View className="card" ariaRole="region" ariaLabel="网格排名">
      <Text className="t-title">网格排名</Text>
      <View>
        <Text className="t-muted">
          按{LeagueKeyLabel[key]}从高到低；良好 ≥ 90%，一般 ≥ 75%，低于 75% 需关注。
        </Text>
      </View>
      <View className="dash-sort">
        <Tabs
          label="排序方式"
          tabs={LeagueKeys.map((k) => ({ id: k, name: LeagueKeyLabel[k] }))}
          value={key}
          onChange={setKey}
        />
      </View>
      <View ariaRole="list">
        {sorted.map((r, i) => {
          const name = r.community ? `${r.community} ${r.name}` : r.name
          return (
            <View key={r.id} className="dash-league__row" ariaRole="listitem">
              <View
                className="dash-link"
                ariaRole="link"
                ariaLabel={`${i + 1}. ${name}，查看这个网格的看板`}
                onClick={() =>
                  void Taro.navigateTo({ url: `/features/dashboard/pages/index/index?level=grid&id=${r.id}` })
                }
              >
                <Text className="t-body">{`${i + 1}. ${name}`}</Text>
                <Text className="t-muted">›</Text>
              </View>
              <View>
                <Text className="t-muted">{`诉求 ${r.rates.received} 件 · 在办 ${r.rates.open} 件 · 按期办结率 ${percent(r.rates.onTimeRate)}`}</Text>
              </View>
              <View className="dash-league__rates">
                {RATES.map((k) => (
                  <View key={k} className="dash-league__cell">
                    <Text className="t-muted">{LeagueKeyLabel[k]}</Text>
                    <Graded rate={r.rates[k]} name={`${name} ${LeagueKeyLabel[k]}`} />
                  </View>
                ))}
              </View>
            </View>
          )
        })}
      </View>
    </View>
  )
}
