import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { householdActions } from '@core/household/api'
import { Field } from '../../../components/Field'
import { Notice, toast } from '../../../components/Notice'
import { SubmitButton } from '../../../components/SubmitButton'
import { apiClient, failureCopy } from '../../../services/cloud'
import { useHouseholdPicker } from './HouseholdPicker'

const households = apiClient({ 'household.setArea': householdActions['household.setArea'] })

/**
 * Staff record a household's floor area (建筑面积, m²), which an owners' decision counts beside
 * the households: named by building, unit and room. One household a time; the form stays open.
 */
export function HouseholdArea({
  gridId,
  buildingIds,
}: {
  readonly gridId: string
  /** The topic's buildings, when it concerns some: only their households count. */
  readonly buildingIds?: readonly string[] | null
}) {
  const [message, setMessage] = useState<string | null>(null)
  const picker = useHouseholdPicker(gridId, setMessage, buildingIds)
  const [area, setArea] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const value = Number(area)
    if (!picker.unitId || !picker.room) return setMessage('请选择楼栋、单元并填写房号')
    if (!area.trim() || !Number.isFinite(value) || value <= 0) return setMessage('请填写建筑面积（平方米）')
    setBusy(true)
    setMessage(null)
    try {
      const r = await households('household.setArea', {
        unitId: picker.unitId,
        room: picker.room,
        area: value,
      })
      toast(`已登记 ${r.room} 室：${r.area ?? 0} 平方米`)
      setArea('')
    } catch (e) {
      setMessage(failureCopy(e, '登记失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View ariaRole="group" ariaLabel="登记住户面积">
      <Text className="t-body topic__label">登记住户建筑面积</Text>
      {picker.fields}
      <Field label="建筑面积（平方米）" value={area} type="number" maxlength={10} onInput={setArea} />
      <Notice text={message} />
      <SubmitButton busy={busy} onSubmit={submit}>
        登记面积
      </SubmitButton>
    </View>
  )
}
