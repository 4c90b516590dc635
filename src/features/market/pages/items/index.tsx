import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { ItemKind, MarketItem } from '@core/market/api'
import { MarketErrors } from '@core/market/errors'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { CommunityNotice } from '../../../../components/CommunityNotice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button, Switch } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { failureCopy, ServiceError } from '../../../../services/cloud'
import { callApi } from '../../api'
import { errorCopy } from '../../../../services/error-copy'
import { newRequestId } from '../../../../services/request-id'
import { useAdminCommunity } from '../../../../hooks/use-admin-community'
import { KIND_LABEL, stockText } from '../../labels'
import { Notice, toast } from '../../../../components/Notice'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import '../../market.scss'

const KINDS: readonly { id: ItemKind; name: string }[] = [
  { id: 'goods', name: KIND_LABEL.goods },
  { id: 'service', name: KIND_LABEL.service },
]

/** The form as typed; numbers stay text until sent. One request id per opened form, kept on retries. */
interface Draft {
  readonly itemId: string | null
  readonly name: string
  readonly kind: ItemKind
  readonly description: string
  readonly price: string
  readonly stock: string
  readonly active: boolean
  readonly requestId: string
}
type FieldErrors = Partial<Record<'name' | 'description' | 'price' | 'stock', string>>

const fresh = (): Draft => ({
  itemId: null,
  name: '',
  kind: 'goods',
  description: '',
  price: '',
  stock: '',
  active: true,
  requestId: newRequestId(),
})
const fromItem = (i: MarketItem): Draft => ({
  itemId: i.itemId,
  name: i.name,
  kind: i.kind,
  description: i.description,
  price: String(i.price),
  stock: String(i.stock),
  active: i.active,
  requestId: newRequestId(),
})

/** A whole number in [min, max] from what was typed, or null. */
function whole(text: string, min: number, max: number): number | null {
  const t = text.trim()
  if (!/^\d+$/.test(t)) return null
  const n = Number(t)
  return n >= min && n <= max ? n : null
}

/** The same limits the function enforces (MARKET.BAD_ITEM / BAD_PRICE), checked before sending. */
function problems(d: Draft): FieldErrors {
  const name = [...d.name.trim()].length
  const out: FieldErrors = {}
  if (name < 1 || name > 40) out.name = errorCopy(MarketErrors.BAD_ITEM)
  if ([...d.description.trim()].length > 200) out.description = '说明不超过 200 字'
  if (whole(d.price, 1, 10000) === null) out.price = errorCopy(MarketErrors.BAD_PRICE)
  if (whole(d.stock, 0, 10000) === null) out.stock = '库存应为 0–10000 的整数'
  return out
}

/**
 * 爱心超市管理 (community admins): every item of the community, inactive ones included; add or edit
 * one (name, 物品/服务, description, price, stock, 上架) → market.save.
 */
export default function MarketItemsPage() {
  const community = useAdminCommunity()
  const communityId = community.status === 'ready' ? community.communityId : ''
  const { items, cursor, error, more, reload } = usePages(`items:${communityId}`, async (c) =>
    communityId
      ? callApi('market.items', c ? { communityId, cursor: c } : { communityId })
      : { items: [], cursor: null },
  )
  const [draft, setDraft] = useState<Draft | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  usePullRefresh(reload)
  const set = (patch: Partial<Draft>) => setDraft((cur) => (cur ? { ...cur, ...patch } : cur))
  const open = (d: Draft) => {
    setErrors({})
    setMessage(null)
    setDraft(d)
  }

  const save = async () => {
    if (!draft || !communityId) return
    const found = problems(draft)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    setMessage(null)
    try {
      const saved = await callApi('market.save', {
        requestId: draft.requestId,
        communityId,
        ...(draft.itemId ? { itemId: draft.itemId } : {}),
        name: draft.name.trim(),
        kind: draft.kind,
        description: draft.description.trim(),
        price: Number(draft.price.trim()),
        stock: Number(draft.stock.trim()),
        active: draft.active,
      })
      setDraft(null)
      toast(`已保存“${saved.name}”${saved.active ? '' : '（未上架）'}`)
      reload()
    } catch (e) {
      const code = e instanceof ServiceError ? e.code : null
      if (code === MarketErrors.BAD_ITEM) setErrors({ name: errorCopy(code) })
      else if (code === MarketErrors.BAD_PRICE) setErrors({ price: errorCopy(code) })
      else setMessage(failureCopy(e, '保存失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  if (community.status !== 'ready')
    return (
      <CommunityNotice label="爱心超市管理" community={community} none="只有社区管理员可以管理爱心超市。" />
    )

  return (
    <Page label="爱心超市管理">
      <Notice text={message} />
      <Notice text={error} />

      {draft ? (
        <View className="card" ariaRole="form" ariaLabel={draft.itemId ? '修改物品' : '新增物品'}>
          <Text className="t-title">{draft.itemId ? '修改物品' : '新增物品'}</Text>
          <Field
            label="名称"
            value={draft.name}
            onInput={(v) => set({ name: v })}
            maxlength={40}
            placeholder="如：大米 5 斤、理发一次"
            error={errors.name}
          />
          <ChoiceList
            label="类别"
            options={KINDS}
            selected={draft.kind}
            onSelect={(o) => set({ kind: o.id as ItemKind })}
          />
          <Field
            label="说明（选填）"
            value={draft.description}
            onInput={(v) => set({ description: v })}
            maxlength={200}
            placeholder="如：每周六上午在社区服务站领取"
            error={errors.description}
          />
          <Field
            label="所需积分"
            type="number"
            value={draft.price}
            onInput={(v) => set({ price: v })}
            maxlength={5}
            hint="1–10000 的整数"
            error={errors.price}
          />
          <Field
            label="库存（件）"
            type="number"
            value={draft.stock}
            onInput={(v) => set({ stock: v })}
            maxlength={5}
            hint="0 表示已兑完"
            error={errors.stock}
          />
          <View className="market__switch">
            <Text className="t-body">上架（居民可见）</Text>
            <Switch
              checked={draft.active}
              onChange={(on: boolean) => set({ active: on })}
              ariaLabel="上架"
              loadingIcon={null}
            />
          </View>
          <View className="market__actions">
            <Button className="btn" type="primary" loading={busy} disabled={busy} onClick={() => void save()}>
              保存
            </Button>
            <Button className="btn" disabled={busy} onClick={() => setDraft(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <Button className="btn" type="primary" block onClick={() => open(fresh())}>
          新增物品或服务
        </Button>
      )}

      <PagedList
        label="爱心超市的物品和服务"
        items={items}
        cursor={cursor}
        empty="还没有物品。点“新增物品或服务”上架第一件。"
        onMore={more}
        keyOf={(i) => i.itemId}
        render={(i) => (
          <View className={i.active ? 'card' : 'card voucher--done'} ariaRole="group" ariaLabel={i.name}>
            <View className="market__head">
              <Text className="t-title">{i.name}</Text>
              <Text className={i.active ? 'market__status market__status--on' : 'market__status'}>
                {i.active ? '已上架' : '未上架'}
              </Text>
            </View>
            <View>
              <Text className="t-body">
                {KIND_LABEL[i.kind]} · {i.price} 积分 · {stockText(i.stock)}
              </Text>
            </View>
            {i.description && (
              <View>
                <Text className="t-muted">{i.description}</Text>
              </View>
            )}
            <View className="market__actions">
              <Button className="btn" onClick={() => open(fromItem(i))} ariaLabel={`修改${i.name}`}>
                修改
              </Button>
            </View>
          </View>
        )}
      />
    </Page>
  )
}
