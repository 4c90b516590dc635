import { useCallback, useEffect, useState } from 'react'
import { failureCopy } from '../services/cloud'

/** One page of a cursor-paged list action (report.mine, order.inbox, errand.board…). */
export interface CursorPage<T> {
  readonly items: readonly T[]
  readonly cursor: string | null
}

/**
 * A cursor-paged list: first page on `key` change, `more()` appends, `reload()` starts over. `first`
 * is the first page's whole answer (for what a list action says besides its items).
 */
export function usePages<P extends CursorPage<unknown>>(
  key: string,
  fetch: (cursor: string | undefined) => Promise<P>,
) {
  type T = P['items'][number]
  const [items, setItems] = useState<readonly T[] | null>(null)
  const [first, setFirst] = useState<P | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [round, setRound] = useState(0)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const load = useCallback(fetch, [key])
  useEffect(() => {
    let live = true
    setItems(null)
    setError(null)
    load(undefined).then(
      (p) => {
        if (!live) return
        setFirst(p)
        setItems(p.items)
        setCursor(p.cursor)
      },
      (e: unknown) => live && (setItems([]), setError(failureCopy(e, '加载失败，请下拉重试'))),
    )
    return () => {
      live = false
    }
  }, [load, round])
  const more = () => {
    if (!cursor) return
    load(cursor).then(
      (p) => {
        setItems((cur) => [...(cur ?? []), ...p.items])
        setCursor(p.cursor)
      },
      (e: unknown) => setError(failureCopy(e, '加载失败，请重试')),
    )
  }
  const reload = useCallback(() => setRound((n) => n + 1), [])
  return { items, cursor, error, more, reload, first }
}
