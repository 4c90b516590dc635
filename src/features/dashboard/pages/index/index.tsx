import { Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { placeIds } from '@core/access'
import { chinaDay, hoursDuration } from '@core/china-time'
import type { DashboardView } from '@core/dashboard/api'
import { PeriodPresets, PresetLabel, addDays, periodText, type PeriodPreset } from '@core/dashboard/period'
import { percent, summaryOf } from '@core/dashboard/view'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { Tabs } from '../../../../components/Tabs'
import { notStaff, StaffOnlyPage } from '../../../../components/StaffOnly'
import { usePageData } from '../../../../hooks/use-page-data'
import { useProfile, type ProfileState } from '../../../../hooks/use-profile'
import { callApi } from '../../api'
import { Bars, Donut, Trend } from '../../components/Charts'
import { League } from '../../components/League'
import { OrderList } from '../../components/OrderList'
import '../../dashboard.scss'

type Scope = { readonly level: 'grid' | 'community' | 'street'; readonly id: string }

const LEVELS: readonly Scope['level'][] = ['grid', 'community', 'street']

/** Which dashboard: the one the link names, else the street the caller runs, their community, their grid. */
function useScope(profile: ProfileState): Scope | null {
  const params = useRouter().params
  const asked = LEVELS.find((l) => l === params.level)
  if (asked && params.id) return { level: asked, id: params.id }
  if (profile.status !== 'ready') return null
  const grants = profile.profile.roles
  const street = placeIds(grants, 'street_admin', 'street')[0]
  if (street) return { level: 'street', id: street }
  const community = placeIds(grants, 'community_admin', 'community')[0]
  if (community) return { level: 'community', id: community }
  const grid = placeIds(grants, 'grid_worker', 'grid')[0]
  return grid ? { level: 'grid', id: grid } : null
}

type PeriodInput = { readonly period: PeriodPreset; readonly from?: string; readonly to?: string }

const load = (scope: Scope, p: PeriodInput) =>
  scope.level === 'street'
    ? callApi('dashboard.street', { streetId: scope.id, ...p })
    : scope.level === 'grid'
      ? callApi('dashboard.grid', { gridId: scope.id, ...p })
      : callApi('dashboard.community', { communityId: scope.id, ...p })

function Headline({ view }: { readonly view: DashboardView }) {
  const r = view.rates
  const tiles = [
    ['响应率', percent(r.responseRate)],
    ['解决率', percent(r.resolutionRate)],
    ['满意率', percent(r.satisfactionRate)],
    ['按期办结率', percent(r.onTimeRate)],
  ] as const
  return (
    <View className="card" ariaRole="region" ariaLabel="办理指标">
      <Text className="t-title">{`${view.name} · ${PresetLabel[view.period.preset]}`}</Text>
      <View>
        <Text className="t-body">{summaryOf(view)}</Text>
      </View>
      <View className="dash-tiles" ariaRole="list">
        {tiles.map(([name, value]) => (
          <View key={name} className="dash-tile" ariaRole="listitem" ariaLabel={`${name} ${value}`}>
            <Text className="dash-tile__value">{value}</Text>
            <Text className="t-muted">{name}</Text>
          </View>
        ))}
      </View>
      <View>
        <Text className="t-muted">
          {`收到 ${r.received} 件 · 已答复 ${r.replied} 件 · 平均接单 ${hoursDuration(r.avgAcceptHours)} · 平均答复 ${hoursDuration(r.avgReplyHours)}`}
        </Text>
      </View>
    </View>
  )
}

function Helpers({ view }: { readonly view: DashboardView }) {
  const h = view.helpers
  const rows = [
    ['邻里互助', `发布 ${h.errandsPosted} · 接单 ${h.errandsAccepted} · 完成 ${h.errandsConfirmed}`],
    ['志愿活动', `举办 ${h.activitiesHeld} 场 · 出勤 ${h.attendances} 人次 · ${h.volunteerHours} 小时`],
    ['活跃志愿者', `${h.activeHelpers} 人（完成互助或志愿服务）`],
    ['爱心积分', `发放 ${h.pointsIssued} 分 · 兑换 ${h.pointsSpent} 分`],
  ] as const
  return (
    <View className="card" ariaRole="region" ariaLabel="互助与志愿">
      <Text className="t-title">互助与志愿</Text>
      {rows.map(([name, value]) => (
        <View key={name} className="dash-fact">
          <Text className="t-body">{name}</Text>
          <Text className="t-body dash-fact__value">{value}</Text>
        </View>
      ))}
    </View>
  )
}

function Deliberation({ view }: { readonly view: DashboardView }) {
  const d = view.deliberation
  const w = view.wishes
  return (
    <View className="card" ariaRole="region" ariaLabel="居民议事与微心愿">
      <Text className="t-title">居民议事与微心愿</Text>
      <View>
        <Text className="t-body">{`议题：提出 ${d.topicsRaised} · 立项 ${d.topicsConfirmed} · 形成决议 ${d.topicsDecided} · 实施完成 ${d.topicsDone} · 评议办结 ${d.topicsEvaluated}`}</Text>
      </View>
      <View>
        <Text className="t-body">{`投票参与率 ${percent(d.voteParticipation)} · 成效满意率 ${percent(d.outcomeSatisfaction)}`}</Text>
      </View>
      <View>
        <Text className="t-muted">{`微心愿（累计）：上墙 ${w.published} · 认领 ${w.claimed} · 圆梦 ${w.closed}`}</Text>
      </View>
    </View>
  )
}

/** 数据看板: a community's or a street's work orders, helpers and deliberation, for a period. */
export default function DashboardPage() {
  const profile = useProfile()
  const scope = useScope(profile)
  const [preset, setPreset] = useState<PeriodPreset>('month')
  const today = chinaDay(new Date())
  const [from, setFrom] = useState(addDays(today, -29))
  const [to, setTo] = useState(today)
  const custom = preset === 'custom' ? { from, to } : {}
  const key = scope
    ? `${scope.level}:${scope.id}:${preset}:${preset === 'custom' ? `${from}:${to}` : ''}`
    : 'none'
  const { data, message } = usePageData(
    key,
    () => (scope ? load(scope, { period: preset, ...custom }) : null),
    { fallback: '看板加载失败，请下拉重试' },
  )
  const communities =
    data?.level === 'street'
      ? [...new Map(data.league.map((r) => [r.communityId, r.community ?? ''])).entries()]
      : []
  if (notStaff(profile)) return <StaffOnlyPage label="数据看板" />
  return (
    <Page label="数据看板" className="dash">
      <View className="card" ariaRole="region" ariaLabel="统计时间">
        <View className="dash-period">
          <Tabs
            label="统计时间"
            tabs={PeriodPresets.map((p) => ({ id: p, name: PresetLabel[p] }))}
            value={preset}
            onChange={setPreset}
          />
        </View>
        {preset === 'custom' && (
          <View className="dash-range">
            <Picker mode="date" value={from} end={to} onChange={(e) => setFrom(String(e.detail.value))}>
              <View className="dash-date btn" ariaRole="button" ariaLabel={`开始日期 ${from}`}>
                <Text>{`从 ${from}`}</Text>
              </View>
            </Picker>
            <Picker
              mode="date"
              value={to}
              start={from}
              end={today}
              onChange={(e) => setTo(String(e.detail.value))}
            >
              <View className="dash-date btn" ariaRole="button" ariaLabel={`结束日期 ${to}`}>
                <Text>{`到 ${to}`}</Text>
              </View>
            </Picker>
          </View>
        )}
        {data && (
          <View>
            <Text className="t-muted">{`统计 ${periodText(data.period)} 收到的诉求；数据来自实时累计的计数。`}</Text>
          </View>
        )}
      </View>
      <Notice text={message} />
      {data && scope && (
        <View className="dash-grid">
          <Headline view={data} />
          <Donut title="办理状态" rows={data.byStatus} />
          <Bars title="问题类别" rows={data.byCategory} />
          <Bars title="逐级流转（到达各层级的件数）" rows={data.funnel} />
          <Trend weeks={data.trend} />
          {scope.level !== 'grid' && (
            <OrderList
              title="超时未办"
              level={scope.level}
              id={scope.id}
              box="overdue"
              empty="没有超时的工单。"
            />
          )}
          {scope.level !== 'grid' && (
            <OrderList
              title="不满意待督办"
              level={scope.level}
              id={scope.id}
              box="unsatisfied"
              empty="没有待督办的不满意评价。"
            />
          )}
          {scope.level !== 'grid' && <League rows={data.league} />}
          <Helpers view={data} />
          <Deliberation view={data} />
          {communities.length > 0 && (
            <View className="card" ariaRole="region" ariaLabel="各社区看板">
              <Text className="t-title">各社区看板</Text>
              {communities.map(([cid, name]) => (
                <View
                  key={cid}
                  className="dash-cell"
                  ariaRole="link"
                  onClick={() =>
                    void Taro.navigateTo({
                      url: `/features/dashboard/pages/index/index?level=community&id=${cid}`,
                    })
                  }
                >
                  <Text className="t-body">{name}</Text>
                </View>
              ))}
            </View>
          )}
        </View>
      )}
      {profile.status === 'ready' && !scope && (
        <View className="card" ariaRole="status">
          <Text className="t-body">数据看板供网格员、社区管理员和街道管理员使用。</Text>
        </View>
      )}
    </Page>
  )
}
