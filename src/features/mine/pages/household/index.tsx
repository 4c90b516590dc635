import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { HouseholdView } from '@core/household/api'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { Notice, toast } from '../../../../components/Notice'
import '../../mine.scss'

/** 我的家庭: where I live and with whom; move (a join with `move`) or leave. */
export default function HouseholdPage() {
  const [view, setView] = useState<HouseholdView | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [confirmLeave, setConfirmLeave] = useState(false)
  const [busy, setBusy] = useState(false)

  const load = useCallback(() => {
    callApi('household.mine', {}).then(setView, (err: unknown) =>
      setMessage(failureCopy(err, '加载失败，请重试')),
    )
  }, [])
  useEffect(load, [load])

  const act = async (run: () => Promise<unknown>, done: string, failed: string) => {
    setBusy(true)
    setMessage(null)
    try {
      await run()
      toast(done)
      setConfirmLeave(false)
      load()
    } catch (err) {
      setMessage(failureCopy(err, failed))
    } finally {
      setBusy(false)
    }
  }

  const h = view?.household
  return (
    <Page label="我的家庭">
      <Notice text={message} />
      {!view && !message && <Text className="t-muted">正在加载…</Text>}
      {view && !h && (
        <View className="card">
          <Text className="t-title">您还没有加入家庭</Text>
          <View className="mine__actions">
            <Button
              className="btn"
              type="primary"
              block
              onClick={() => void Taro.navigateTo({ url: '/pages/join/index' })}
            >
              加入我的网格
            </Button>
          </View>
        </View>
      )}
      {h && view && (
        <>
          <View className="card" ariaRole="region" ariaLabel="住址">
            <Text className="t-title mine__section">
              {h.buildingName}
              {h.unitName} {h.room}室
            </Text>
            <Text className="t-body">
              {h.streetName} {h.communityName} {h.gridName}
            </Text>
          </View>
          <View className="card" ariaRole="region" ariaLabel="家庭成员">
            <Text className="t-title mine__section">家庭成员</Text>
            {view.members.map((m, i) => (
              <View key={`${m.name}-${i}`} className="mine__row">
                <Text className="t-body">{m.name}</Text>
                {m.me && <Text className="t-muted">我</Text>}
              </View>
            ))}
          </View>
          {view.pendingMove && (
            <View className="card" ariaRole="region" ariaLabel="迁移申请">
              <Text className="t-title mine__section">迁移申请审核中</Text>
              <Text className="t-body">
                迁往 {view.pendingMove.gridName} {view.pendingMove.buildingName}
                {view.pendingMove.unitName} {view.pendingMove.room}室。审核通过前，您仍属于现在的家庭。
              </Text>
              <View className="mine__actions">
                <Button
                  className="btn"
                  block
                  disabled={busy}
                  onClick={() => {
                    const joinId = view.pendingMove?.joinId
                    if (joinId)
                      void act(() => callApi('join.cancel', { joinId }), '已撤回迁移申请', '撤回失败，请重试')
                  }}
                >
                  撤回迁移申请
                </Button>
              </View>
            </View>
          )}
          {/* The page's actions below its cards, not in a card of their own. */}
          <View>
            <View className="mine__actions">
              {!view.pendingMove && (
                <Button
                  className="btn"
                  type="primary"
                  block
                  onClick={() => void Taro.navigateTo({ url: '/pages/join/index?move=1' })}
                >
                  申请迁移到新住处
                </Button>
              )}
              {!confirmLeave ? (
                <Button className="btn" block onClick={() => setConfirmLeave(true)}>
                  退出家庭
                </Button>
              ) : (
                <View ariaRole="alert">
                  <Text className="t-body mine__danger">
                    确定退出吗？退出后首页将不再显示您的网格服务卡，可以随时重新加入。
                  </Text>
                  <View className="mine__actions">
                    <Button
                      className="btn"
                      type="primary"
                      block
                      disabled={busy}
                      onClick={() =>
                        void act(() => callApi('household.leave', {}), '您已退出家庭', '退出失败，请重试')
                      }
                    >
                      确认退出
                    </Button>
                    <Button className="btn" block disabled={busy} onClick={() => setConfirmLeave(false)}>
                      取消
                    </Button>
                  </View>
                </View>
              )}
            </View>
          </View>
        </>
      )}
    </Page>
  )
}
