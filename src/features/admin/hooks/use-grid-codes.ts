import { useCallback, useEffect, useState } from 'react'
import type { GridCodes } from '@core/codes/api'
import { failureCopy } from '../../../services/cloud'
import { callApi } from '../api'

/** How many times a grid's codes are asked for again while images are still being made (≈ 10 s). */
export const MAX_POLLS = 10

/**
 * A grid's codes. `codes.list` makes missing mini-program code images a few seconds at a time, so
 * while any image is missing the list is asked for again every second, up to MAX_POLLS times.
 */
export function useGridCodes(gridId: string | null) {
  const [codes, setCodes] = useState<GridCodes | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** Bumped by reload() and by every poll: each value is one request. */
  const [tick, setTick] = useState(0)
  const [polls, setPolls] = useState(0)

  const reload = useCallback(() => {
    setCodes(null)
    setError(null)
    setPolls(0)
    setTick((t) => t + 1)
  }, [])

  useEffect(() => {
    if (!gridId) return
    let live = true
    callApi('codes.list', { gridId }).then(
      (data) => live && setCodes(data.grid.id === gridId ? data : null),
      (err: unknown) => live && setError(failureCopy(err, '加载失败，请重试')),
    )
    return () => {
      live = false
    }
  }, [gridId, tick])

  const shown = codes && codes.grid.id === gridId ? codes : null
  const missing = shown ? [shown.gridCode, ...shown.buildings].filter((c) => !c.imageUrl).length : 0
  useEffect(() => {
    if (missing === 0 || polls >= MAX_POLLS) return
    const timer = setTimeout(() => {
      setPolls((p) => p + 1)
      setTick((t) => t + 1)
    }, 1000)
    return () => clearTimeout(timer)
  }, [missing, polls])

  return { codes: shown, setCodes, error, missing, stillMaking: missing > 0 && polls < MAX_POLLS, reload }
}
