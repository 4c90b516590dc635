import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { AllStaffRoles, CouncilRoles, holdsOver } from '@core/access'
import { Button } from '../../components/ui'
import { Page } from '../../components/Page'
import { QuickAction } from '../../components/QuickAction'
import { MyGridCard } from '../../components/MyGridCard'
import { LatestNotice, useLatestNotice } from '../../components/LatestNotice'
import { ServiceCard } from '../../components/ServiceCard'
import { StaffCard } from '../../components/StaffCard'
import { answerElderOffer, elderOfferPending, useElderMode } from '../../hooks/elder-mode'
import { useProfile } from '../../hooks/use-profile'
import { DEV_LOGIN_URL } from '../../services/dev-login'
import './index.scss'

const QUICK_ACTIONS = [
  {
    title: '一键上报',
    hint: '身边问题随手报',
    url: '/features/reports/pages/index/index',
    icon: 'report',
    elder: true,
  },
  {
    title: '邻里互助',
    hint: '代买代取找帮办',
    url: '/features/errands/pages/index/index',
    icon: 'help',
    elder: true,
  },
  {
    title: '爱心积分',
    hint: '志愿服务攒积分',
    url: '/features/points/pages/index/index',
    icon: 'heart',
    elder: true,
  },
  {
    title: '志愿活动',
    hint: '报名签到攒时长',
    url: '/features/activities/pages/index/index',
    icon: 'flag',
    elder: true,
  },
  {
    title: '爱心超市',
    hint: '积分兑换好物',
    url: '/features/market/pages/index/index',
    icon: 'bag',
    elder: false,
  },
  {
    title: '居民议事',
    hint: '大家的事大家议',
    url: '/features/deliberation/pages/index/index',
    icon: 'talk',
    elder: false,
    joined: true,
  },
  {
    title: '心愿墙',
    hint: '微心愿 邻里圆',
    url: '/features/wishes/pages/index/index',
    icon: 'star',
    elder: false,
  },
  {
    title: '办事指南',
    hint: '材料地点早知道',
    url: '/features/guide/pages/index/index',
    icon: 'guide',
    elder: true,
  },
  {
    title: '百宝屋',
    hint: '工具共享免费借',
    url: '/features/lending/pages/index/index',
    icon: 'box',
    elder: false,
    joined: true,
  },
  {
    title: '加入网格',
    hint: '扫码绑定我的家',
    url: '/pages/join/index',
    icon: 'home',
    elder: false,
    joined: false,
  },
] as const

/** Asked once, on the first launch: 开启 or 不用了, and never again (remembered on the device). */
function ElderOffer() {
  const [open, setOpen] = useState(elderOfferPending)
  if (!open) return null
  const answer = (on: boolean) => {
    answerElderOffer(on)
    setOpen(false)
  }
  return (
    <View className="card home__offer" ariaRole="region" ariaLabel="长辈模式">
      <Text className="t-body">字太小？开启长辈模式</Text>
      <Button className="btn" type="primary" size="small" onClick={() => answer(true)}>
        开启
      </Button>
      <Button className="btn" fill="none" size="small" onClick={() => answer(false)}>
        不用了
      </Button>
    </View>
  )
}

export default function HomePage() {
  const state = useProfile()
  const [round, setRound] = useState(0)
  usePullDownRefresh(() => {
    state.reload()
    setRound((n) => n + 1)
    void Taro.stopPullDownRefresh()
  })

  const elder = useElderMode()
  const staff = state.status === 'ready' && holdsOver(state.profile.roles, AllStaffRoles)
  // The grid's council (议事会成员) has a desk too: the topics waiting for it. Not staff otherwise.
  const desk = staff || (state.status === 'ready' && holdsOver(state.profile.roles, CouncilRoles))

  const household = state.status === 'ready' ? state.profile.household : null
  const serviceCard = household && <ServiceCard />
  const notice = useLatestNotice(round)
  // The page paints its cards and tiles together once the profile (and a resident's notice) is in:
  // nothing on it moves after it appears, so a tap lands where the finger aimed (no layout shift).
  const loading = state.status === 'loading' || Boolean(household && notice === undefined)

  return (
    <Page label="首页">
      <View className="home__hello">
        <Text className="t-title">
          {state.status === 'ready' ? `${state.profile.displayName}，您好` : '邻里好，您好'}
        </Text>
      </View>

      {loading && (
        <View className="card" aria-live="polite">
          <Text className="t-muted">正在加载我的网格…</Text>
        </View>
      )}
      {state.status === 'error' && (
        <View className="card" aria-live="assertive">
          <Text className="t-body">{state.message}</Text>
          <Button className="btn" type="primary" onClick={state.reload}>
            重试
          </Button>
        </View>
      )}
      {state.status === 'signed-out' && (
        <View className="card">
          <Text className="t-body">本地演示环境：请先选择一个演示身份。</Text>
          <Button className="btn" type="primary" onClick={() => void Taro.navigateTo({ url: DEV_LOGIN_URL })}>
            选择演示身份
          </Button>
        </View>
      )}
      {!loading && (
        <>
          {/* Staff (and the council) see their workbench first; the join card only when they are not staff (a resident or not yet). */}
          {desk && <StaffCard refresh={round} />}
          {!elder && <ElderOffer />}
          {state.status === 'ready' && (!staff || state.profile.household) && (
            <MyGridCard household={state.profile.household} />
          )}

          {/* Elder mode: the call card before fewer, larger tiles, so calling the grid worker needs no scrolling. */}
          {elder && serviceCard}
          <LatestNotice notice={household && notice} />
          <View
            className={elder ? 'home__actions home__actions--elder' : 'home__actions'}
            ariaRole="navigation"
            ariaLabel="常用服务"
          >
            {/* 加入网格 for those who have not joined (nor work for a grid); 居民议事 (their grid's hall) for those who have. */}
            {QUICK_ACTIONS.filter(
              (a) =>
                (!elder || a.elder) &&
                (!('joined' in a) || (a.joined ? Boolean(household) : !household && !staff)),
            ).map((a) => (
              <QuickAction key={a.url} title={a.title} hint={a.hint} url={a.url} icon={a.icon} />
            ))}
          </View>

          {!elder && serviceCard}
        </>
      )}
    </Page>
  )
}
