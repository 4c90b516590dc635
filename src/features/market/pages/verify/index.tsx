import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { VoucherStatus, VoucherView } from '@core/market/api'
import { MarketErrors } from '@core/market/errors'
import { voucherMachine } from '@core/market/machine'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { canScanCode, scanCode } from '../../../../services/scan'
import { callApi } from '../../api'
import { errorCopy } from '../../../../services/error-copy'
import { VoucherCard } from '../../components/VoucherCard'
import { shortTime } from '../../labels'
import { Notice } from '../../../../components/Notice'
import '../../market.scss'

/** Why a looked-up voucher the machine lets no one use cannot be handed over: the copy verify would answer with. */
const REFUSED: Readonly<Partial<Record<VoucherStatus, string>>> = {
  used: errorCopy(MarketErrors.VOUCHER_USED),
  expired: errorCopy(MarketErrors.VOUCHER_EXPIRED),
  cancelled: errorCopy(MarketErrors.VOUCHER_CANCELLED),
}

type Stage =
  | { readonly kind: 'input' }
  | { readonly kind: 'looking' }
  | { readonly kind: 'found'; readonly voucher: VoucherView; readonly code: string }
  | { readonly kind: 'verified'; readonly voucher: VoucherView }

/**
 * 兑换券核销 (grid workers, community admins): opened by WeChat when a voucher's QR is scanned
 * (scene `v=<code>`), or from the staff entry by typing the code or 扫码核销. The code goes to the
 * function as scanned or typed (it normalises it). First market.lookup shows whose voucher it is and
 * what for; then 确认核销 → market.verify → 核销成功 with the time; 核销下一张 starts over.
 */
export default function VerifyVoucherPage() {
  const scene = useRouter().params.scene ?? ''
  const [stage, setStage] = useState<Stage>(scene ? { kind: 'looking' } : { kind: 'input' })
  const [typed, setTyped] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const lookup = useCallback(async (code: string) => {
    setMessage(null)
    setStage({ kind: 'looking' })
    try {
      const voucher = await callApi('market.lookup', { code })
      setStage({ kind: 'found', voucher, code })
    } catch (e) {
      setStage({ kind: 'input' })
      setMessage(failureCopy(e, '查询失败，请重试'))
    }
  }, [])
  useEffect(() => {
    if (scene) void lookup(scene)
  }, [scene, lookup])

  const typedLookup = () => {
    const code = typed.trim()
    if (!code) return setMessage('请输入兑换码')
    void lookup(code)
  }
  const scan = async () => {
    setMessage(null)
    try {
      const res = await scanCode()
      const raw = res && (res.path || res.result)
      if (raw) void lookup(raw)
    } catch {
      setMessage('无法使用摄像头扫码，请直接输入兑换码')
    }
  }
  const verify = async (code: string) => {
    setBusy(true)
    setMessage(null)
    try {
      setStage({ kind: 'verified', voucher: await callApi('market.verify', { code }) })
    } catch (e) {
      setMessage(failureCopy(e, '核销失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const next = () => {
    setTyped('')
    setMessage(null)
    setStage({ kind: 'input' })
  }

  const notice = message && (
    <View className="card" ariaRole="alert">
      <Text className="t-body market__error">{message}</Text>
    </View>
  )

  if (stage.kind === 'verified') {
    const v = stage.voucher
    return (
      <Page label="兑换券核销">
        <View className="card" ariaRole="status">
          <Text className="t-title">核销成功</Text>
          <View>
            <Text className="t-body">
              {v.usedAt ? `核销时间：${shortTime(v.usedAt)}` : '已核销'}
              {v.retried ? '（此前已由您核销）' : ''}
            </Text>
          </View>
          <View>
            <Text className="t-body">
              请把“{v.itemName}”交给{v.holderName ?? '兑换人'}。
            </Text>
          </View>
        </View>
        <VoucherCard voucher={v} />
        <Button className="btn" type="primary" block onClick={next}>
          核销下一张
        </Button>
      </Page>
    )
  }

  if (stage.kind === 'looking') {
    return (
      <Page label="兑换券核销">
        <View className="card" ariaRole="status">
          <Text className="t-body">正在查询兑换券…</Text>
        </View>
      </Page>
    )
  }

  if (stage.kind === 'found') {
    const v = stage.voucher
    // The buttons are the staff's moves from the voucher's status (core/market/machine.ts).
    const usable = voucherMachine.movesFor(v.status, 'staff').includes('use')
    const refused = usable ? null : (REFUSED[v.status] ?? null)
    return (
      <Page label="兑换券核销">
        <VoucherCard voucher={v} />
        <Notice text={refused} textClass="market__error" />
        {notice}
        {usable && (
          <Button
            className="btn market__big"
            type="primary"
            block
            loading={busy}
            disabled={busy}
            onClick={() => void verify(stage.code)}
          >
            确认核销
          </Button>
        )}
        <Button className="btn" block disabled={busy} onClick={next}>
          {usable ? '不是这张，重新输入' : '核销下一张'}
        </Button>
      </Page>
    )
  }

  return (
    <Page label="兑换券核销">
      <View className="card" ariaRole="form" ariaLabel="输入兑换码">
        <Field
          label="兑换码"
          value={typed}
          onInput={setTyped}
          maxlength={20}
          placeholder="兑换券上的 8 位兑换码"
          hint="不区分大小写，空格和横线可不输"
        />
        <View className="market__actions">
          <Button className="btn" type="primary" onClick={typedLookup}>
            查询兑换券
          </Button>
          {/* WeChat's scanner, or the browser's camera where it has one; typing the code always works. */}
          {canScanCode() && (
            <Button className="btn" onClick={() => void scan()}>
              扫码核销
            </Button>
          )}
        </View>
      </View>
      {notice}
      <View className="card">
        <Text className="t-muted">居民出示兑换券二维码时，也可以直接用微信扫一扫打开本页。</Text>
      </View>
    </Page>
  )
}
