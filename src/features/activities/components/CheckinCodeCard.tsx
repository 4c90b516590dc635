import { Image, View, Text } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { CheckinCode } from '@core/activities/api'
import { Button } from '../../../components/ui'
import { failureCopy } from '../../../services/cloud'
import { callApi } from '../api'
import { shortTime } from '../labels'

/** Taro passes `ariaRole` through on every component (H5: `role`); its Image typings lack it. */
const imgRole = { ariaRole: 'img' } as object

/**
 * 签到码 (staff): the on-site wxacode, large enough to scan from a step away, and its short code in
 * big letters for residents who type it. 换一个签到码 asks first: the old code stops working.
 */
export function CheckinCodeCard({
  activityId,
  title,
  refreshKey,
}: {
  readonly activityId: string
  readonly title: string
  readonly refreshKey: number
}) {
  const [code, setCode] = useState<CheckinCode | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)

  const ask = useCallback(
    async (rotate: boolean) => {
      setBusy(true)
      setMessage(null)
      try {
        const fresh = await callApi(
          'activity.checkinCode',
          rotate ? { activityId, rotate: true } : { activityId },
        )
        setCode(fresh)
        setConfirming(false)
        if (rotate) setMessage(`已换成新签到码（第 ${fresh.session} 个），旧签到码已失效`)
      } catch (e) {
        setMessage(failureCopy(e, '签到码加载失败，请点刷新重试'))
      } finally {
        setBusy(false)
      }
    },
    [activityId],
  )
  useEffect(() => {
    void ask(false)
  }, [ask, refreshKey])

  const label = `${title} 签到码`
  return (
    <View className="card" ariaRole="region" ariaLabel="签到码">
      <Text className="t-title">签到码</Text>
      <View>
        <Text className="t-muted">请居民用微信扫码签到；扫不了码的，输入下方签到码。</Text>
      </View>
      {message && (
        <View ariaRole="status">
          <Text className="t-body">{message}</Text>
        </View>
      )}
      {!code && !message && <Text className="t-muted">正在加载…</Text>}
      {code &&
        (code.imageUrl ? (
          <Image
            className="activity__code-image"
            src={code.imageUrl}
            mode="aspectFit"
            showMenuByLongpress
            {...imgRole}
            ariaLabel={label}
            nativeProps={{ alt: label }}
          />
        ) : (
          <View
            className="activity__code-image activity__code-image--missing"
            ariaRole="img"
            ariaLabel={`${label}生成中`}
          >
            <Text className="t-muted">签到码图片生成中，请点刷新</Text>
          </View>
        ))}
      {code && (
        <>
          <Text className="activity__code">{code.code}</Text>
          <View>
            <Text className="t-muted">
              第 {code.session} 个签到码 · 有效 {shortTime(code.validFrom)} 至 {shortTime(code.validTo)}
            </Text>
          </View>
        </>
      )}
      {confirming ? (
        <View className="activity__confirm" ariaRole="alertdialog" ariaLabel="换一个签到码">
          <Text className="t-body">换码后旧签到码将失效，已打印或截图的旧码不能再签到。确定换一个吗？</Text>
          <View className="activity__actions">
            <Button className="btn" type="primary" disabled={busy} onClick={() => void ask(true)}>
              确认换码
            </Button>
            <Button className="btn" disabled={busy} onClick={() => setConfirming(false)}>
              不换
            </Button>
          </View>
        </View>
      ) : (
        <View className="activity__actions">
          <Button className="btn" disabled={busy} onClick={() => void ask(false)}>
            刷新
          </Button>
          <Button className="btn" disabled={busy || !code} onClick={() => setConfirming(true)}>
            换一个签到码
          </Button>
        </View>
      )}
    </View>
  )
}
