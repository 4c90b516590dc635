import { View, Text } from '@tarojs/components'
import { Cell, Switch } from '../../components/ui'
import Taro from '@tarojs/taro'
import { can } from '@core/permissions'
import { RoleLabel, type Actor } from '@core/roles'
import { CellRow } from '../../components/CellRow'
import { Page } from '../../components/Page'
import { setElderMode, useElderMode } from '../../hooks/elder-mode'
import { useProfile } from '../../hooks/use-profile'
import './index.scss'

interface Entry {
  readonly title: string
  readonly url: string
  /** Shown only when the permission table lets the caller do this (no action: everyone). */
  readonly action?: string
}

/** My own things: everyone has them; the volunteer profile needs a helper grant. */
const MINE: readonly Entry[] = [
  { title: '我的个人信息', url: '/features/mine/pages/data/index' },
  { title: '我的家庭', url: '/features/mine/pages/household/index' },
  { title: '志愿服务资料', url: '/features/mine/pages/helper/index', action: 'helper.profile' },
  { title: '入格审核', url: '/features/grid/pages/joins/index', action: 'join.inbox' },
  { title: '我的上报', url: '/features/reports/pages/mine/index' },
  { title: '我的互助', url: '/features/errands/pages/mine/index' },
  { title: '帮邻居接单', url: '/features/errands/pages/board/index', action: 'errand.board' },
  { title: '我的爱心卡', url: '/features/points/pages/index/index', action: 'points.mine' },
  { title: '志愿活动', url: '/features/activities/pages/index/index', action: 'activity.list' },
  { title: '我的志愿服务记录', url: '/features/points/pages/hours/index', action: 'hours.mine' },
  { title: '爱心超市', url: '/features/market/pages/index/index', action: 'market.redeem' },
  { title: '我的兑换券', url: '/features/market/pages/vouchers/index', action: 'market.redeem' },
  { title: '工单处理', url: '/features/reports/pages/inbox/index', action: 'order.inbox' },
]

/** Staff tools, each behind the action its page starts with. */
const ADMIN: readonly Entry[] = [
  { title: '网格管理', url: '/features/admin/pages/org/index', action: 'org.children' },
  { title: '人员与角色', url: '/features/admin/pages/staff/index', action: 'staff.list' },
  { title: '楼栋二维码', url: '/features/admin/pages/codes/index', action: 'codes.list' },
  { title: '工单督办', url: '/features/reports/pages/queue/index', action: 'order.queue' },
  { title: '工单类别与时限', url: '/features/admin/pages/order-config/index', action: 'order.configure' },
  { title: '兑换券核销', url: '/features/market/pages/verify/index', action: 'market.verify' },
  { title: '爱心超市管理', url: '/features/market/pages/items/index', action: 'market.save' },
  { title: '社区基金', url: '/features/market/pages/fund/index', action: 'fund.view' },
  { title: '积分管理', url: '/features/points/pages/admin/index', action: 'points.award' },
  { title: '志愿时长导出', url: '/features/activities/pages/export/index', action: 'hours.export' },
  { title: '数据看板', url: '/features/dashboard/pages/index/index', action: 'dashboard.community' },
  { title: '数据导出', url: '/features/exports/pages/index/index', action: 'export.community' },
]

function EntryList({ entries, actor, label }: { entries: readonly Entry[]; actor: Actor; label: string }) {
  const shown = entries.filter((e) => !e.action || can(actor, e.action))
  if (shown.length === 0) return null
  return (
    <View className="cells" ariaRole="navigation" ariaLabel={label}>
      {shown.map((e) => (
        <CellRow
          key={e.url}
          title={<Text className="t-body">{e.title}</Text>}
          label={e.title}
          onTap={() => void Taro.navigateTo({ url: e.url })}
        />
      ))}
    </View>
  )
}

/**
 * 长辈模式 on the first screen: the whole row (label included) is one switch, at least 60 px tall;
 * the drawn switch is decoration, so the row is the only control and has the only name.
 */
function ElderRow({ on }: { on: boolean }) {
  // Taro maps these to aria-checked / tabindex; its typings lack them.
  const checked = { ariaChecked: on, tabIndex: 0 } as object
  const hidden = { ariaHidden: true, ariaRole: 'presentation', tabIndex: -1 } as object
  return (
    <View
      className="cells me__elder"
      ariaRole="switch"
      ariaLabel="长辈模式"
      {...checked}
      onClick={() => setElderMode(!on)}
    >
      <Cell
        align="center"
        title={<Text className="t-body">长辈模式（大字体、大按钮）</Text>}
        extra={<Switch checked={on} loadingIcon={null} className="me__switch" {...hidden} />}
      />
    </View>
  )
}

export default function MePage() {
  const state = useProfile()
  const elder = useElderMode()
  const roles =
    state.status === 'ready' && state.profile.roles.length > 0
      ? [...new Set(state.profile.roles.map((g) => RoleLabel[g.role]))].join('、')
      : '居民（未入格）'
  const actor: Actor | null =
    state.status === 'ready' ? { userId: state.profile.userId, grants: state.profile.roles } : null

  return (
    <Page label="我的">
      <View className="card">
        <Text className="t-title">{state.status === 'ready' ? state.profile.displayName : '我的'}</Text>
        <View>
          <Text className="t-muted">身份：{roles}</Text>
        </View>
      </View>
      <ElderRow on={elder} />
      {actor && <EntryList entries={MINE} actor={actor} label="我的服务" />}
      {actor && <EntryList entries={ADMIN} actor={actor} label="管理" />}
    </Page>
  )
}
