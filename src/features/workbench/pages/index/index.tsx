import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CommunityStaffRoles, StaffRoles, holdsOver } from '@core/access'
import type { DeskRates, WorkbenchCount, WorkbenchDesk } from '@core/workbench/api'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { useProfile } from '../../../../hooks/use-profile'
import { callApi } from '../../api'
import '../../workbench.scss'

const INTAKE_URL = '/features/reports/pages/index/index?mode=intake'
const VERIFY_URL = '/features/market/pages/verify/index'
const ACTIVITIES_URL = '/features/activities/pages/index/index'
const DASHBOARD_URL = '/features/dashboard/pages/index/index'

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`)
const go = (url: string) => void Taro.navigateTo({ url })

function CountCell({ c }: { readonly c: WorkbenchCount }) {
  return (
    <View
      className={c.count > 0 ? 'wb-cell wb-cell--waiting' : 'wb-cell'}
      ariaRole="button"
      ariaLabel={`${c.label} ${c.count} 件，查看`}
      onClick={() => go(c.url)}
    >
      <Text className="t-body">{c.label}</Text>
      <Text className="wb-cell__count">{c.count}</Text>
    </View>
  )
}

function Rates({ rates }: { readonly rates: DeskRates }) {
  const items = [
    ['响应率', rates.responseRate],
    ['解决率', rates.resolutionRate],
    ['满意率', rates.satisfactionRate],
  ] as const
  return (
    <View className="wb-rates" ariaRole="group" ariaLabel="办理指标">
      {items.map(([name, r]) => (
        <View key={name} className="wb-rates__item" ariaLabel={`${name} ${pct(r)}`}>
          <Text className="wb-rates__value">{pct(r)}</Text>
          <Text className="t-muted">{name}</Text>
        </View>
      ))}
    </View>
  )
}

function Desk({ desk }: { readonly desk: WorkbenchDesk }) {
  const title = `${desk.roleLabel} · ${desk.placeName}`
  return (
    <View className="card" ariaRole="region" ariaLabel={title}>
      <Text className="t-title">{title}</Text>
      <View ariaRole="list">
        {desk.counts.map((c) => (
          <View key={c.key} ariaRole="listitem">
            <CountCell c={c} />
          </View>
        ))}
      </View>
      {desk.rates ? <Rates rates={desk.rates} /> : <Text className="t-muted">暂无办理指标</Text>}
      {(desk.role === 'grid_worker' || desk.role === 'community_admin' || desk.role === 'street_admin') && (
        <View
          className="wb-cell"
          ariaRole="link"
          ariaLabel="数据看板：趋势、类别与网格排名"
          onClick={() => go(DASHBOARD_URL)}
        >
          <Text className="t-body">数据看板</Text>
          <Text className="t-muted">趋势、类别与网格排名 ›</Text>
        </View>
      )}
    </View>
  )
}

/**
 * 工作台 (staff): for each staff role the caller holds, the counts that matter now (each a tap into
 * its list), their place's three rates, and the quick actions of the day.
 */
export default function WorkbenchPage() {
  const profile = useProfile()
  const grants = profile.status === 'ready' ? profile.profile.roles : []
  const { data, message } = usePageData('summary', () => callApi('workbench.summary', {}), {
    fallback: '工作台加载失败，请下拉重试',
  })
  const signups = data?.desks.flatMap((d) => d.counts).find((c) => c.key === 'signups')
  // 代居民登记: those who take reports (report.submit); 核销 and 签到码: community staff.
  const orderStaff = holdsOver(grants, StaffRoles)
  const serviceStaff = holdsOver(grants, CommunityStaffRoles)
  return (
    <Page label="工作台">
      <Notice text={message} />
      {(orderStaff || serviceStaff) && (
        <View className="card" ariaRole="region" ariaLabel="常用操作">
          <Text className="t-title">常用操作</Text>
          <View className="wb-actions">
            {orderStaff && (
              <Button className="btn" type="primary" onClick={() => go(INTAKE_URL)}>
                代居民登记
              </Button>
            )}
            {serviceStaff && (
              <Button className="btn" ariaLabel="核销兑换券" onClick={() => go(VERIFY_URL)}>
                核销
              </Button>
            )}
            {serviceStaff && (
              <Button
                className="btn"
                ariaLabel="活动签到码"
                onClick={() => go(signups?.url.includes('activityId=') ? signups.url : ACTIVITIES_URL)}
              >
                签到码
              </Button>
            )}
          </View>
        </View>
      )}
      {data?.desks.map((d) => (
        <Desk key={d.role} desk={d} />
      ))}
      {data && data.desks.length === 0 && (
        <View className="card">
          <Text className="t-body">此页面仅供工作人员使用。</Text>
        </View>
      )}
    </Page>
  )
}
