import { useEffect, useRef, useState } from 'react'
import { joinActions } from '@core/join/api'
import { ChoiceList } from '../../../components/ChoiceList'
import { Field } from '../../../components/Field'
import { apiClient, failureCopy } from '../../../services/cloud'

/** The buildings and units of the grid, as the join picker lists them. */
const places = apiClient({ 'join.options': joinActions['join.options'] })

/**
 * Staff name a household of the grid by building, unit and room (as on a paper ballot): the
 * picker's fields, and what was picked (`unitId` null until a unit is chosen). `only`: a topic's
 * buildings, when it concerns some (the others' households take no part).
 */
export function useHouseholdPicker(
  gridId: string,
  onError: (message: string) => void,
  only?: readonly string[] | null,
) {
  const [buildings, setBuildings] = useState<readonly { id: string; name: string }[]>([])
  const [units, setUnits] = useState<readonly { id: string; name: string }[]>([])
  const [building, setBuilding] = useState<string | null>(null)
  const [unitId, setUnit] = useState<string | null>(null)
  const [room, setRoom] = useState('')
  const report = useRef(onError)
  report.current = onError
  const keep = only && only.length > 0 ? only.join(',') : null

  useEffect(() => {
    places('join.options', { level: 'building', parentId: gridId }).then(
      (list) => setBuildings(keep ? list.filter((b) => keep.split(',').includes(b.id)) : list),
      (e: unknown) => report.current(failureCopy(e, '楼栋加载失败，请重试')),
    )
  }, [gridId, keep])
  useEffect(() => {
    setUnit(null)
    if (!building) return setUnits([])
    places('join.options', { level: 'unit', parentId: building }).then(setUnits, (e: unknown) =>
      report.current(failureCopy(e, '单元加载失败，请重试')),
    )
  }, [building])

  const fields = (
    <>
      <ChoiceList label="楼栋" options={buildings} selected={building} onSelect={(o) => setBuilding(o.id)} />
      {building && (
        <ChoiceList label="单元" options={units} selected={unitId} onSelect={(o) => setUnit(o.id)} />
      )}
      <Field label="房号" value={room} maxlength={16} placeholder="如 302" onInput={setRoom} />
    </>
  )
  return { fields, unitId, room: room.trim() }
}
