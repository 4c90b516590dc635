import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { NamedOption } from '@core/join/api'
import { BUILDINGS_MAX } from '@core/deliberation/model'
import { ChoiceList } from '../../../components/ChoiceList'
import { callApi as appApi, failureCopy } from '../../../services/cloud'

/** Taro maps `ariaChecked` to WeChat's aria-checked (and to the DOM attribute on H5); its typings lack it. */
const checked = (on: boolean) => ({ ariaChecked: on }) as object

const MODES = [
  { id: 'grid', name: '整个网格' },
  { id: 'buildings', name: '选择楼栋' },
] as const

/**
 * The place a proposed topic concerns: the whole grid, or some of its buildings (a stairwell of
 * 3号楼; a shed between 3号楼 and 5号楼). The buildings are listed on demand (my home from
 * `me.profile`, the grid's buildings from `join.options`); my own is checked and stays checked, as
 * my household supports the topic first. Big checkboxes, announced as such (elder mode: `.btn`).
 */
export function usePlacePicker(onError: (message: string) => void) {
  const [mode, setMode] = useState<'grid' | 'buildings'>('grid')
  const [mine, setMine] = useState<string | null>(null)
  const [buildings, setBuildings] = useState<readonly NamedOption[] | null>(null)
  const [picked, setPicked] = useState<readonly string[]>([])
  const report = useRef(onError)
  report.current = onError

  useEffect(() => {
    if (mode !== 'buildings' || buildings) return
    let live = true
    appApi('me.profile', {})
      .then((p) => {
        const path = p.household?.path
        if (!path?.gridId || !path.buildingId) throw new Error('no household')
        if (live) {
          setMine(path.buildingId)
          setPicked((was) => (was.includes(path.buildingId as string) ? was : [path.buildingId as string]))
        }
        return appApi('join.options', { level: 'building', parentId: path.gridId })
      })
      .then(
        (list) => live && setBuildings(list),
        (e: unknown) => {
          if (!live) return
          // Back to the whole grid, said aloud; choosing 选择楼栋 again retries.
          setMode('grid')
          report.current(failureCopy(e, '楼栋加载失败，请重新选择楼栋'))
        },
      )
    return () => {
      live = false
    }
  }, [mode, buildings])

  const toggle = (id: string) => {
    if (id === mine) return report.current('您家所在的楼栋必须包括在内')
    if (picked.includes(id)) return setPicked(picked.filter((b) => b !== id))
    if (picked.length >= BUILDINGS_MAX) return report.current(`最多选择 ${BUILDINGS_MAX} 栋楼`)
    setPicked([...picked, id])
  }

  const fields = (
    <>
      <ChoiceList
        label="议题涉及"
        options={MODES}
        selected={mode}
        onSelect={(o) => setMode(o.id as 'grid' | 'buildings')}
      />
      {mode === 'buildings' && !buildings && <Text className="t-muted">正在加载楼栋…</Text>}
      {mode === 'buildings' && buildings && (
        <View className="choice" ariaRole="group" ariaLabel="涉及的楼栋，可多选">
          <Text className="t-body choice__label">涉及的楼栋（可多选，最多 {BUILDINGS_MAX} 栋）</Text>
          <View className="choice__options">
            {buildings.map((b) => {
              const on = picked.includes(b.id)
              const name = b.id === mine ? `${b.name}（您家）` : b.name
              return (
                <View
                  key={b.id}
                  className={on ? 'choice__option btn choice__option--on' : 'choice__option btn'}
                  ariaRole="checkbox"
                  ariaLabel={name}
                  {...checked(on)}
                  onClick={() => toggle(b.id)}
                >
                  {name}
                </View>
              )
            })}
          </View>
          <Text className="t-muted">
            只有所选楼栋的住户可以支持、投票和评价；全网格的邻居都能看到和参与讨论。
          </Text>
        </View>
      )}
    </>
  )
  return {
    fields,
    /** The chosen buildings, or null for the whole grid (also while they are still loading). */
    buildingIds: mode === 'buildings' && buildings ? picked : null,
    /** Buildings were asked for but are not there yet. */
    loading: mode === 'buildings' && !buildings,
    wholeGrid: mode === 'grid',
  }
}
