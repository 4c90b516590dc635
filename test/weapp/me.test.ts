/**
 * @jest-environment jsdom
 */
// The compiled 我的 page (dist/weapp/pages/me/index): elder mode (长辈模式) on the real build.
import { renderPage, type RenderedPage } from '../support/weapp-harness'

const ELDER_KEY = 'emulin.elderMode'

let view: RenderedPage | undefined
afterEach(() => {
  view?.unmount()
  view = undefined
})

/** The page's root View (components/Page.tsx): class `page`, plus `elder` in elder mode. */
function pageRoot(v: RenderedPage) {
  const root = v.all('page')[0]
  if (!root) throw new Error(`no .page root rendered; page text: ${v.text()}`)
  return root
}

describe('me page (compiled weapp)', () => {
  it('toggling 长辈模式 puts the page root in elder mode and remembers it with wx.setStorageSync', async () => {
    view = await renderPage('pages/me/index')
    await view.waitFor(() => view!.text().includes('长辈模式'))
    expect(view.classesOf(pageRoot(view))).toContain('page')
    expect(view.classesOf(pageRoot(view))).not.toContain('elder')

    const toggle = view.all('me__switch')[0]
    expect(toggle).toBeDefined()
    await view.tap(toggle!)

    await view.waitFor(() => view!.wx.setStorageSync.mock.calls.length > 0)
    expect(view.wx.setStorageSync).toHaveBeenCalledWith(ELDER_KEY, true)
    // Every node must have a template in base.wxml, or it renders nothing on the phone.
    view.expectAllTemplatesFound()
    await view.waitFor(() => view!.classesOf(pageRoot(view!)).includes('elder'))
    expect(view.wx.storage.get(ELDER_KEY)).toBe(true)

    // …and back: the switch must stay usable (a second tap turns elder mode off again).
    await view.tap(view.all('me__switch')[0]!)
    await view.waitFor(() => !view!.classesOf(pageRoot(view!)).includes('elder'))
    expect(view.wx.setStorageSync).toHaveBeenLastCalledWith(ELDER_KEY, false)
    view.expectAllTemplatesFound()
  })

  it('starts in elder mode when the device remembers it', async () => {
    view = await renderPage('pages/me/index', { storage: { [ELDER_KEY]: true } })
    expect(view.classesOf(pageRoot(view))).toEqual(expect.arrayContaining(['page', 'elder']))
  })
})
