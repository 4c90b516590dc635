import { placeIds } from '@core/access'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Page } from '../../../../components/Page'
import { notStaff, StaffOnlyPage } from '../../../../components/StaffOnly'
import { Button } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { callApi } from '../../api'
import { OrderList } from '../../components/OrderList'
import { RatesCard } from '../../components/RatesCard'
import { Tabs } from '../../../../components/Tabs'
import { usePages } from '../../../../hooks/use-pages'
import { INTAKE_URL } from '../../labels'
import { Notice } from '../../../../components/Notice'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import '../../reports.scss'

type Box = 'open' | 'overdue' | 'unsatisfied'
type Level = 'community' | 'street'
const BOXES: readonly { id: Box; name: string }[] = [
  { id: 'open', name: '在办' },
  { id: 'overdue', name: '超时/未通知' },
  { id: 'unsatisfied', name: '不满意' },
]
const EMPTY: Readonly<Record<Box, string>> = {
  open: '本级暂无在办工单。',
  overdue: '没有超时或未通知到网格员的工单。',
  unsatisfied: '没有居民不满意的工单。',
}

/** 工单督办 (community / street admins): orders at their tier, overdue and unnotified below it, unsatisfied ones. */
export default function QueuePage() {
  const profile = useProfile()
  const grants = profile.status === 'ready' ? profile.profile.roles : []
  const scopes = [
    ...placeIds(grants, 'community_admin', 'community').map((id) => ({
      id: `community:${id}`,
      level: 'community' as Level,
      scopeId: id,
      name: '社区',
    })),
    ...placeIds(grants, 'street_admin', 'street').map((id) => ({
      id: `street:${id}`,
      level: 'street' as Level,
      scopeId: id,
      name: '街道',
    })),
  ]
  const [picked, setPicked] = useState<string | null>(null)
  const scope = scopes.find((s) => s.id === picked) ?? scopes[0] ?? null
  // The workbench opens a box by name (?box=overdue).
  const asked = useRouter().params.box
  const [box, setBox] = useState<Box>(BOXES.some((b) => b.id === asked) ? (asked as Box) : 'open')
  const [round, setRound] = useState(0)
  const list = usePages(`${scope?.id ?? 'none'}:${box}:${round}`, (cursor) =>
    scope
      ? callApi('order.queue', { level: scope.level, box, id: scope.scopeId, ...(cursor ? { cursor } : {}) })
      : Promise.resolve({ items: [], cursor: null }),
  )
  usePullRefresh(() => setRound((n) => n + 1))

  if (notStaff(profile)) return <StaffOnlyPage label="工单督办" />
  return (
    <Page label="工单督办">
      {profile.status === 'ready' && !scope && (
        <View className="card" ariaRole="alert">
          <Text className="t-body">工单督办仅供社区、街道管理员使用。</Text>
        </View>
      )}
      {scopes.length > 1 && (
        <ChoiceList
          label="督办范围"
          options={scopes}
          selected={scope?.id ?? null}
          onSelect={(o) => setPicked(o.id)}
        />
      )}
      <View className="report__actions">
        <Button className="btn" onClick={() => void Taro.navigateTo({ url: INTAKE_URL })}>
          代居民登记
        </Button>
      </View>
      <Notice text={list.error} />
      <Tabs label="工单分类" tabs={BOXES} value={box} onChange={setBox} />
      <OrderList items={list.items} cursor={list.cursor} empty={EMPTY[box]} onMore={list.more} />
      {scope && <RatesCard level={scope.level} id={scope.scopeId} refresh={round} />}
    </Page>
  )
}
