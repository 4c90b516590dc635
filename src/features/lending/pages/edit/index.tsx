import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { StaffPerson } from '@core/admin/api'
import { ConditionLabel, Conditions, DEFAULTS, LIMITS, type Condition } from '@core/lending/model'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { ResidentPicker } from '../../../../components/ResidentPicker'
import { SubmitButton } from '../../../../components/SubmitButton'
import { failureCopy } from '../../../../services/cloud'
import { newRequestId } from '../../../../services/request-id'
import type { PickedPhoto } from '../../../../services/upload-rules'
import { callApi, LendingPages } from '../../api'
import { PhotoPick, usePhotoUpload } from '../../components/PhotoPick'
import '../../lending.scss'

const num = (s: string) => (s.trim() === '' ? NaN : Number(s))

/**
 * 添加 / 编辑物品 (community staff): name, where it is kept, its accessories (one per line of the
 * checklist, separated by 、or commas), condition, lending period, pickup window, the points pledge
 * (0: none), a photo, and optionally a keeper — a resident of the community who hands it out and
 * takes it back. Texts pass content security; limits are the server's (LENDING.* codes).
 */
export default function EditItemPage() {
  const { communityId = '', itemId = '' } = useRouter().params
  const [name, setName] = useState('')
  const [location, setLocation] = useState('')
  const [accessories, setAccessories] = useState('')
  const [condition, setCondition] = useState<Condition>('good')
  const [periodDays, setPeriodDays] = useState(String(DEFAULTS.periodDays))
  const [pickupDays, setPickupDays] = useState(String(DEFAULTS.pickupDays))
  const [pledge, setPledge] = useState('0')
  const [keeper, setKeeper] = useState<StaffPerson | null>(null)
  const [keeperId, setKeeperId] = useState<string | null>(null)
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const requestId = useRef(newRequestId())
  const upload = usePhotoUpload(() => requestId.current)

  useEffect(() => {
    if (!itemId) return
    callApi('lending.item', { itemId }).then(
      (d) => {
        setName(d.name)
        setLocation(d.location)
        setAccessories(d.accessories.join('、'))
        setCondition(d.condition)
        setPeriodDays(String(d.periodDays))
        setPickupDays(String(d.pickupDays))
        setPledge(String(d.pledgePoints))
        setKeeperId(d.desk?.keeperId ?? null)
      },
      (e: unknown) => setMessage(failureCopy(e, '加载失败，请重试')),
    )
  }, [itemId])

  const submit = async () => {
    if (!communityId) return setMessage('请从百宝屋进入')
    setBusy(true)
    setMessage(null)
    try {
      const fileIds = await upload(photos)
      const d = await callApi('lending.save', {
        communityId,
        ...(itemId ? { itemId } : {}),
        requestId: requestId.current,
        name,
        photos: fileIds,
        accessories: accessories
          .split(/[、,，\n]/)
          .map((a) => a.trim())
          .filter(Boolean),
        condition,
        location,
        periodDays: num(periodDays),
        pickupDays: num(pickupDays),
        pledgePoints: num(pledge),
        keeperId: keeper?.userId ?? keeperId,
      })
      toast('已保存')
      void Taro.redirectTo({ url: LendingPages.item(d.id) })
    } catch (e) {
      setMessage(failureCopy(e, '保存失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page className="lend" label={itemId ? '编辑物品' : '添加物品'}>
      <View className="card" ariaRole="form" ariaLabel="物品">
        <Field
          label="物品名称"
          value={name}
          maxlength={LIMITS.name}
          placeholder="如：冲击电钻"
          onInput={setName}
        />
        <Field
          label="存放位置"
          value={location}
          maxlength={LIMITS.location}
          placeholder="如：党群服务中心一楼工具柜"
          onInput={setLocation}
        />
        <Field
          label="配件清单"
          value={accessories}
          maxlength={300}
          placeholder="用顿号分隔，如：电池、钻头套装"
          onInput={setAccessories}
        />
        <ChoiceList
          label="物品状况"
          options={Conditions.map((c) => ({ id: c, name: ConditionLabel[c] }))}
          selected={condition}
          onSelect={(o) => setCondition(o.id as Condition)}
        />
        <Field label="借期（天）" type="number" value={periodDays} maxlength={2} onInput={setPeriodDays} />
        <Field
          label="取用时限（天）"
          type="number"
          value={pickupDays}
          maxlength={1}
          onInput={setPickupDays}
        />
        <Field
          label="押分（0 为免押）"
          type="number"
          value={pledge}
          maxlength={3}
          hint="只押积分，不收现金；归还后退回"
          onInput={setPledge}
        />
        <PhotoPick
          label="物品照片"
          max={LIMITS.itemPhotos}
          photos={photos}
          onChange={setPhotos}
          onNotice={setMessage}
        />
        {communityId && (
          <ResidentPicker communityId={communityId} role="保管人" chosen={keeper} onChoose={setKeeper} />
        )}
        {keeperId && !keeper && <Text className="t-muted">已指定保管人（重新选择可更换）</Text>}
      </View>
      <Notice text={message} />
      <SubmitButton busy={busy} onSubmit={submit}>
        保存
      </SubmitButton>
    </Page>
  )
}
