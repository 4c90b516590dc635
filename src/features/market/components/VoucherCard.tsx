import { Image, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { VoucherView } from '@core/market/api'
import { codeGroups, codeSpoken, dayText, isDone, shortTime } from '../labels'

/** Taro passes `ariaRole` through on every component (H5: `role`); its Image typings lack it. */
const imgRole = { ariaRole: 'img' } as object

interface Props {
  readonly voucher: VoucherView
  /** Show the QR (the holder's own list); staff see the holder's name instead. */
  readonly withQr?: boolean
  readonly children?: ReactNode
}

/**
 * One voucher: item, status, the short code drawn big (read out one character at a time), expiry,
 * and while it can still be picked up, its QR for the staff to scan. Finished vouchers are greyed.
 */
export function VoucherCard({ voucher: v, withQr = false, children }: Props) {
  const done = isDone(v.status)
  const qrLabel = `${v.itemName} 兑换码`
  return (
    <View
      className={done ? 'card voucher voucher--done' : 'card voucher'}
      ariaRole="region"
      ariaLabel={`${v.itemName}，${v.statusLabel}`}
    >
      <View className="market__head">
        <Text className="t-title">{v.itemName}</Text>
        <Text className={done ? 'market__status' : 'market__status market__status--on'}>{v.statusLabel}</Text>
      </View>
      {v.holderName && (
        <View>
          <Text className="t-body">兑换人：{v.holderName}</Text>
        </View>
      )}
      <View className="voucher__code-box" ariaRole="text" ariaLabel={codeSpoken(v.code)}>
        <Text className={done ? 'voucher__code voucher__code--done' : 'voucher__code'} aria-hidden="true">
          {codeGroups(v.code)}
        </Text>
      </View>
      <View>
        <Text className="t-muted">
          {v.price} 积分 · 兑换于 {shortTime(v.issuedAt)}
        </Text>
      </View>
      <View>
        <Text className="t-body">
          {v.status === 'used' && v.usedAt
            ? `领取时间：${shortTime(v.usedAt)}`
            : `有效期至：${dayText(v.expiresAt)}`}
        </Text>
      </View>
      {withQr && !done && (
        <View className="voucher__qr-box">
          {v.qrUrl ? (
            <Image
              className="voucher__qr"
              src={v.qrUrl}
              mode="aspectFit"
              {...imgRole}
              ariaLabel={qrLabel}
              nativeProps={{ alt: qrLabel }}
            />
          ) : (
            <Text className="t-muted">二维码生成中，可先报兑换码领取</Text>
          )}
          <View>
            <Text className="t-muted">领取时请出示二维码或报兑换码</Text>
          </View>
        </View>
      )}
      {children}
    </View>
  )
}
