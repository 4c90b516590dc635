import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { NamedOption } from '@core/join/api'
import { ChoiceList } from '../../../components/ChoiceList'
import { failureCopy } from '../../../services/cloud'
import { callApi } from '../api'

export interface PickedBuilding {
  readonly buildingId: string
  readonly name: string
}

interface Props {
  /** The grid to list buildings of (the reporter's or staff member's); null: start from the community's grids. */
  readonly gridId: string | null
  readonly communityId: string | null
  readonly selected: string | null
  readonly onPick: (b: PickedBuilding) => void
}

/** Grid (when not known) then building, as big radio buttons (join.options). */
export function BuildingPicker({ gridId, communityId, selected, onPick }: Props) {
  const [grid, setGrid] = useState<string | null>(gridId)
  const [grids, setGrids] = useState<readonly NamedOption[] | null>(null)
  const [buildings, setBuildings] = useState<readonly NamedOption[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (grid || !communityId) return
    callApi('join.options', { level: 'grid', parentId: communityId }).then(setGrids, (e: unknown) =>
      setError(failureCopy(e, '网格列表加载失败')),
    )
  }, [grid, communityId])
  useEffect(() => {
    if (!grid) return
    setBuildings(null)
    callApi('join.options', { level: 'building', parentId: grid }).then(setBuildings, (e: unknown) =>
      setError(failureCopy(e, '楼栋列表加载失败')),
    )
  }, [grid])

  return (
    <View>
      {error && (
        <View ariaRole="alert">
          <Text className="t-body">{error}</Text>
        </View>
      )}
      {!gridId && grids && (
        <ChoiceList label="所在网格" options={grids} selected={grid} onSelect={(o) => setGrid(o.id)} />
      )}
      {grid && !buildings && !error && <Text className="t-muted">正在加载楼栋…</Text>}
      {buildings && (
        <ChoiceList
          label="所在楼栋"
          options={buildings}
          selected={selected}
          onSelect={(o) => onPick({ buildingId: o.id, name: o.name })}
        />
      )}
    </View>
  )
}
