import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { failureCopy } from '../services/cloud'

export interface PageDataOptions {
  /** Copy for a failed load that brings none of its own (a ServiceError's copy wins). */
  readonly fallback?: string
  /** Shown when `fetch` answers null (the page lacks what it loads by, e.g. its id); without it, null loads nothing. */
  readonly missing?: string
}

/**
 * The one thing a page shows (an activity, a roster, the fund…), not a cursor list (that is
 * `usePages`): loaded when `key` changes and on pull-down refresh; `reload()` after a move, `setData`
 * with a move's answer. `message` is the page's one line: a failed load shows there until a load
 * succeeds; what the page says itself (`setMessage`) stays until the page changes it.
 */
export function usePageData<T>(key: string, fetch: () => Promise<T> | null, options: PageDataOptions = {}) {
  const { fallback = '加载失败，请下拉重试', missing } = options
  const [data, setData] = useState<T | null>(null)
  const [note, setNote] = useState<{ readonly text: string; readonly fromLoad: boolean } | null>(null)
  const latestFetch = useRef(fetch)
  latestFetch.current = fetch
  /** Only the answer of the latest load lands (a slow earlier one must not overwrite it). */
  const latestCall = useRef(0)

  const reload = useCallback(() => {
    const call = ++latestCall.current
    const pending = latestFetch.current()
    if (!pending) return void (missing && setNote({ text: missing, fromLoad: true }))
    pending.then(
      (d) => {
        if (call !== latestCall.current) return
        setData(d)
        setNote((n) => (n?.fromLoad ? null : n))
      },
      (e: unknown) =>
        call === latestCall.current && setNote({ text: failureCopy(e, fallback), fromLoad: true }),
    )
  }, [fallback, missing])
  useEffect(reload, [key, reload])
  usePullDownRefresh(() => {
    reload()
    void Taro.stopPullDownRefresh()
  })

  const setMessage = useCallback(
    (text: string | null) => setNote(text === null ? null : { text, fromLoad: false }),
    [],
  )
  return { data, setData, message: note?.text ?? null, setMessage, reload }
}
