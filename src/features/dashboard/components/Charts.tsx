import { Image, Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { CountRow, TrendWeek } from '@core/dashboard/api'
import { ChartColors, donutSvg, svgUri, trendSvg } from '@core/dashboard/svg'
import { countsText, trendText } from '@core/dashboard/view'

const hidden = { ariaHidden: true } as object

/**
 * A chart's frame: its title, the sentence that says what it shows (read first by screen readers),
 * the picture, and a table of the same numbers behind a 表格 switch.
 */
export function ChartCard({
  title,
  summary,
  table,
  children,
}: {
  readonly title: string
  readonly summary: string
  readonly table: readonly (readonly (string | number)[])[]
  readonly children: ReactNode
}) {
  const [asTable, setAsTable] = useState(false)
  const [head, ...rows] = table
  return (
    <View className="card dash-chart" ariaRole="region" ariaLabel={title}>
      <View className="dash-chart__head">
        <Text className="t-title">{title}</Text>
        <View
          className="dash-chart__switch"
          ariaRole="button"
          ariaLabel={asTable ? `${title}：看图` : `${title}：看表格`}
          onClick={() => setAsTable(!asTable)}
        >
          <Text className="t-body">{asTable ? '看图' : '表格'}</Text>
        </View>
      </View>
      <View>
        <Text className="t-muted">{summary}</Text>
      </View>
      {asTable ? (
        <View className="dash-table" ariaRole="table" ariaLabel={`${title}（表格）`}>
          {head && (
            <View className="dash-table__row dash-table__row--head" ariaRole="row">
              {head.map((h, i) => (
                <View key={i} className="dash-table__cell" ariaRole="columnheader">
                  <Text>{h}</Text>
                </View>
              ))}
            </View>
          )}
          {rows.map((r, i) => (
            <View key={i} className="dash-table__row" ariaRole="row">
              {r.map((c, j) => (
                <View key={j} className="dash-table__cell" ariaRole="cell">
                  <Text>{c}</Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : (
        <View {...hidden}>{children}</View>
      )}
    </View>
  )
}

/** Horizontal bars, one row per count, each with its label and number beside it. */
export function Bars({
  title,
  rows,
  unit = '件',
}: {
  readonly title: string
  readonly rows: readonly CountRow[]
  readonly unit?: string
}) {
  const max = Math.max(1, ...rows.map((r) => r.count))
  return (
    <ChartCard
      title={title}
      summary={countsText(rows, unit)}
      table={[['项目', `数量（${unit}）`], ...rows.map((r) => [r.label, r.count])]}
    >
      {rows.map((r) => (
        <View key={r.key} className="dash-bar">
          <Text className="dash-bar__label">{r.label}</Text>
          <View className="dash-bar__track">
            <View className="dash-bar__fill" style={{ width: `${(r.count / max) * 100}%` }} />
          </View>
          <Text className="dash-bar__value">{r.count}</Text>
        </View>
      ))}
    </ChartCard>
  )
}

/** A donut of shares with its legend (colour and words: never colour alone). */
export function Donut({ title, rows }: { readonly title: string; readonly rows: readonly CountRow[] }) {
  const total = rows.reduce((s, r) => s + r.count, 0)
  return (
    <ChartCard
      title={title}
      summary={`共 ${total} 件：${countsText(rows)}`}
      table={[['状态', '数量（件）'], ...rows.map((r) => [r.label, r.count])]}
    >
      <View className="dash-donut">
        <Image className="dash-donut__img" src={svgUri(donutSvg(rows))} mode="aspectFit" />
        <View className="dash-legend">
          {rows.map((r, i) =>
            r.count > 0 ? (
              <View key={r.key} className="dash-legend__item">
                <View
                  className="dash-legend__dot"
                  style={{ background: ChartColors[i % ChartColors.length] }}
                />
                <Text className="t-body">{`${r.label} ${r.count}`}</Text>
              </View>
            ) : null,
          )}
        </View>
      </View>
    </ChartCard>
  )
}

/** Received (solid line) against answered (dashed) per week. */
export function Trend({ weeks }: { readonly weeks: readonly TrendWeek[] }) {
  return (
    <ChartCard
      title="近八周收到与答复"
      summary={trendText(weeks)}
      table={[['周（起）', '收到', '答复'], ...weeks.map((w) => [w.label, w.received, w.answered])]}
    >
      <Image className="dash-trend__img" src={svgUri(trendSvg(weeks))} mode="widthFix" />
      <View className="dash-trend__axis">
        {weeks.map((w) => (
          <Text key={w.from} className="t-muted">
            {w.label}
          </Text>
        ))}
      </View>
      <View className="dash-legend">
        <View className="dash-legend__item">
          <View className="dash-legend__line" style={{ borderTopColor: ChartColors[0] }} />
          <Text className="t-body">收到（实线）</Text>
        </View>
        <View className="dash-legend__item">
          <View
            className="dash-legend__line dash-legend__line--dashed"
            style={{ borderTopColor: ChartColors[1] }}
          />
          <Text className="t-body">答复（虚线）</Text>
        </View>
      </View>
    </ChartCard>
  )
}
