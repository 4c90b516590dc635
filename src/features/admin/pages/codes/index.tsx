import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import { monthDay } from '@core/china-time'
import type { CodeCard, CodeGridOption, GridCodes } from '@core/codes/api'
import type { OrgPath } from '@core/org/model'
import { can } from '@core/permissions'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Page } from '../../../../components/Page'
import { notStaff, StaffOnlyPage } from '../../../../components/StaffOnly'
import { Button } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy, ServiceError } from '../../../../services/cloud'
import { callApi } from '../../api'
import { newRequestId } from '../../../../services/request-id'
import { useGridCodes } from '../../hooks/use-grid-codes'
import { CodeImage } from './code-image'
import { saveCodeImage } from './save-image'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import './index.scss'

const keyOf = (card: CodeCard) => `${card.target}:${card.targetId}`

function pathOfCard(codes: GridCodes, card: CodeCard): OrgPath {
  return card.target === 'grid' ? codes.grid.path : { ...codes.grid.path, buildingId: card.targetId }
}

/** 楼栋二维码: pick a grid in my scope; each building's (and the grid's) code to download or regenerate. */
export default function CodesPage() {
  const { params } = useRouter()
  const profile = useProfile()
  const [grids, setGrids] = useState<readonly CodeGridOption[] | null>(null)
  const [community, setCommunity] = useState<string | null>(null)
  const [gridId, setGridId] = useState<string | null>(params.gridId ?? null)
  const [message, setMessage] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  /** A regenerate that did not get an answer keeps its request id, so trying again rotates once. */
  const pending = useRef(new Map<string, string>())

  useEffect(() => {
    let live = true
    callApi('codes.grids', {}).then(
      (list) => {
        if (!live) return
        setGrids(list)
        const chosen = list.find((g) => g.id === params.gridId) ?? list[0]
        setGridId((current) => current ?? chosen?.id ?? null)
        setCommunity(chosen?.communityName ?? null)
      },
      (err: unknown) => live && setMessage(failureCopy(err, '加载失败，请重试')),
    )
    return () => {
      live = false
    }
  }, [params.gridId])

  const { codes, setCodes, error, missing, stillMaking, reload } = useGridCodes(gridId)
  usePullRefresh(reload)

  const actor =
    profile.status === 'ready' ? { userId: profile.profile.userId, grants: profile.profile.roles } : null
  const communities = useMemo(() => [...new Set((grids ?? []).map((g) => g.communityName))], [grids])
  const gridsShown = (grids ?? []).filter((g) => communities.length <= 1 || g.communityName === community)

  const download = async (card: CodeCard) => {
    if (!card.imageUrl) return
    try {
      const result = await saveCodeImage(card.imageUrl, `${card.name}-${card.code}`)
      setMessage(result === 'saved' ? `已保存${card.name}的二维码` : '未获得相册权限，二维码未保存')
    } catch {
      setMessage('保存失败，请重试')
    }
  }

  const regenerate = async (card: CodeCard) => {
    const key = keyOf(card)
    const requestId = pending.current.get(key) ?? newRequestId()
    pending.current.set(key, requestId)
    setBusy(true)
    try {
      const fresh = await callApi('codes.regenerate', {
        target: card.target,
        targetId: card.targetId,
        requestId,
      })
      pending.current.delete(key)
      setCodes(
        (cur) =>
          cur && {
            ...cur,
            gridCode: keyOf(cur.gridCode) === key ? fresh : cur.gridCode,
            buildings: cur.buildings.map((b) => (keyOf(b) === key ? fresh : b)),
          },
      )
      setConfirming(null)
      setMessage(`已为${card.name}生成新二维码（入格码 ${fresh.code}），旧二维码已失效，请重新打印张贴`)
    } catch (err) {
      if (err instanceof ServiceError && err.code !== 'NETWORK') pending.current.delete(key)
      setMessage(failureCopy(err, '操作失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const renderCard = (card: CodeCard) => {
    const mayRegenerate = !!codes && !!actor && can(actor, 'codes.regenerate', pathOfCard(codes, card))
    return (
      <View
        key={keyOf(card)}
        className="card codes__item"
        ariaRole="region"
        ariaLabel={`${card.name}的入格二维码`}
      >
        <View className="codes__row">
          <CodeImage card={card} />
          <View className="codes__info">
            <Text className="t-title codes__name">{card.name}</Text>
            <View>
              <Text className="t-body">入格码 </Text>
              <Text className="t-body codes__code">{card.code}</Text>
            </View>
            <Text className="t-muted">
              {card.target === 'grid' ? '网格码：扫码后选择楼栋' : `生成于 ${monthDay(card.createdAt)}`}
            </Text>
          </View>
        </View>
        {confirming === keyOf(card) ? (
          <View className="codes__confirm" ariaRole="alert">
            <Text className="t-body">
              重新生成后，已打印张贴的旧二维码和入格码将立即失效，居民扫旧码无法入格。确定重新生成吗？
            </Text>
            <View className="codes__actions">
              <Button className="btn" type="primary" disabled={busy} onClick={() => void regenerate(card)}>
                确认重新生成
              </Button>
              <Button className="btn" disabled={busy} onClick={() => setConfirming(null)}>
                取消
              </Button>
            </View>
          </View>
        ) : (
          <View className="codes__actions">
            <Button
              className="btn"
              disabled={!card.imageUrl}
              ariaLabel={`下载${card.name}的二维码`}
              onClick={() => void download(card)}
            >
              下载
            </Button>
            {mayRegenerate && (
              <Button
                className="btn"
                disabled={busy}
                ariaLabel={`重新生成${card.name}的二维码`}
                onClick={() => setConfirming(keyOf(card))}
              >
                重新生成
              </Button>
            )}
          </View>
        )}
      </View>
    )
  }

  if (notStaff(profile)) return <StaffOnlyPage label="楼栋二维码" />
  return (
    <Page label="楼栋二维码">
      {(message ?? error) && (
        <View className="card" ariaRole="status">
          <Text className="t-body">{message ?? error}</Text>
        </View>
      )}
      {grids?.length === 0 && (
        <View className="card">
          <Text className="t-body">您没有可管理的网格。</Text>
        </View>
      )}
      {communities.length > 1 && (
        <ChoiceList
          label="选择社区"
          options={communities.map((name) => ({ id: name, name }))}
          selected={community}
          onSelect={(o) => setCommunity(o.id)}
        />
      )}
      {gridsShown.length > 1 && (
        <ChoiceList
          label="选择网格"
          options={gridsShown}
          selected={gridId}
          onSelect={(o) => setGridId(o.id)}
        />
      )}
      {gridId && codes === null && !message && !error && <Text className="t-muted">正在加载…</Text>}
      {missing > 0 && (
        <Text className="t-muted">
          {stillMaking
            ? `有 ${missing} 个二维码正在生成，请稍候…`
            : `有 ${missing} 个二维码仍未生成，请下拉刷新重试`}
        </Text>
      )}
      {codes && (
        <View>
          <View className="card">
            <Text className="t-title">
              {codes.communityName} {codes.grid.name}
            </Text>
            <View>
              <Text className="t-muted">
                共 {codes.buildings.length} 栋楼。居民用微信扫楼栋二维码即可申请加入本网格。
              </Text>
            </View>
            <Button
              className="btn codes__print"
              type="primary"
              onClick={() =>
                void Taro.navigateTo({
                  url: `/features/admin/pages/print/index?gridId=${encodeURIComponent(codes.grid.id)}`,
                })
              }
            >
              打印本网格二维码
            </Button>
          </View>
          {renderCard(codes.gridCode)}
          {codes.buildings.map(renderCard)}
        </View>
      )}
    </Page>
  )
}
