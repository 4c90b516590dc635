import { act, renderHook } from '@testing-library/react'
import { usePageData, type PageDataOptions } from '../../src/hooks/use-page-data'

// usePageData: the one thing a detail page shows, its load failures and the page's own message.

/** A promise the test settles when it wants. */
function later<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const settle = () => act(async () => undefined)

const mount = (fetch: () => Promise<string> | null, options?: PageDataOptions, key = 'a') =>
  renderHook(({ k, f }) => usePageData(k, f, options), { initialProps: { k: key, f: fetch } })

describe('usePageData', () => {
  it('loads once on mount; a failure shows the fallback until a load succeeds', async () => {
    const fetch = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce('活动')
    const { result } = mount(fetch)
    await settle()
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(result.current).toMatchObject({ data: null, message: '加载失败，请下拉重试' })
    act(() => result.current.reload())
    await settle()
    expect(result.current).toMatchObject({ data: '活动', message: null })
  })

  it('uses the page fallback', async () => {
    const { result } = mount(() => Promise.reject(new Error('offline')), {
      fallback: '名单加载失败，请下拉重试',
    })
    await settle()
    expect(result.current.message).toBe('名单加载失败，请下拉重试')
  })

  it("keeps the page's own message over a successful reload; a failed reload replaces it", async () => {
    const answers = [
      () => Promise.resolve('v1'),
      () => Promise.resolve('v2'),
      () => Promise.reject(new Error('offline')),
    ]
    const { result } = mount(() => answers.shift()?.() ?? null)
    await settle()
    act(() => result.current.setMessage('操作失败，请重试'))
    act(() => result.current.reload())
    await settle()
    expect(result.current).toMatchObject({ data: 'v2', message: '操作失败，请重试' })
    act(() => result.current.reload())
    await settle()
    expect(result.current).toMatchObject({ data: 'v2', message: '加载失败，请下拉重试' })
  })

  it('a null fetch shows `missing`, or nothing without it', async () => {
    const withCopy = mount(() => null, { missing: '缺少活动编号' })
    const silent = mount(() => null)
    await settle()
    expect(withCopy.result.current).toMatchObject({ data: null, message: '缺少活动编号' })
    expect(silent.result.current).toMatchObject({ data: null, message: null })
  })

  it('loads again when the key changes, with the new fetch', async () => {
    const { result, rerender } = mount(() => null, undefined, '')
    await settle()
    rerender({ k: 'cm-xinhua', f: () => Promise.resolve('新华社区') })
    await settle()
    expect(result.current.data).toBe('新华社区')
  })

  it('only the latest load lands: a slow earlier answer does not overwrite it', async () => {
    const first = later<string>()
    const second = later<string>()
    const answers = [first.promise, second.promise]
    const { result } = mount(() => answers.shift() ?? null)
    act(() => result.current.reload())
    await act(async () => second.resolve('new'))
    await act(async () => first.resolve('old'))
    expect(result.current.data).toBe('new')
  })
})
