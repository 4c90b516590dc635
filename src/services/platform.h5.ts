/**
 * H5 start-up. The gateway is same-origin, so there is nothing to connect. What H5 needs is
 * accessibility repair of what Taro renders:
 * - Taro's cross-platform `ariaRole` prop (what WeChat reads as `aria-role`) comes out in the DOM as
 *   an `aria-role` attribute, which browsers and screen readers ignore. Every such element, ours or
 *   the component library's, gets the equivalent `role`.
 * - Tappable Views announced as buttons, radios or switches are not keyboard-reachable: they get
 *   `tabindex=0`, and Enter / Space act like a tap.
 * - Taro's H5 `<Button>` (and NutUI's, built on it) is a `<taro-button-core>` custom element: no
 *   role, not focusable. It gets `role=button`, `tabindex` (0, or -1 while disabled) and
 *   `aria-disabled` following its `disabled` attribute.
 * - Taro's H5 `<Image>` renders an inner `<img>` without `alt`: it gets the Image's `ariaLabel`, or
 *   `alt=""` (decorative) when the Image has none.
 * - The tab bar is rendered outside any landmark and its icons have no text alternative.
 * - The title bar's back and home icons are bare `div`s (labelNavigationBar).
 * - Each page scrolls in its own box, which a keyboard could not reach on a page without a control.
 */
// First of all: what our browsers lack (docs/adr/0027), before any other module runs.
import './polyfills.h5'
import './platform.h5.scss'

const INTERACTIVE = new Set(['button', 'radio', 'switch', 'checkbox', 'link'])

function repair(el: Element): void {
  // Each page scrolls in its own box (more so under the title bar): a keyboard must reach it even
  // when nothing on it is focusable (axe scrollable-region-focusable).
  if (el.classList.contains('taro_page')) {
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0')
    return
  }
  if (el.tagName === 'IMG') {
    const host = el.parentElement
    if (host?.tagName === 'TARO-IMAGE-CORE' && !el.hasAttribute('alt'))
      el.setAttribute('alt', host.getAttribute('aria-label') ?? '')
    return
  }
  const role = el.getAttribute('aria-role')
  if (role !== null) {
    el.setAttribute('role', role)
    el.removeAttribute('aria-role')
  }
  if (el.tagName === 'TARO-BUTTON-CORE') {
    const disabled = el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false'
    if (!el.hasAttribute('role')) el.setAttribute('role', 'button')
    el.setAttribute('aria-disabled', String(disabled))
    el.setAttribute('tabindex', disabled ? '-1' : '0')
    return
  }
  const effective = el.getAttribute('role')
  if (effective && INTERACTIVE.has(effective) && !el.hasAttribute('tabindex'))
    el.setAttribute('tabindex', '0')
}

function activateOnKey(event: KeyboardEvent): void {
  if (event.key !== 'Enter' && event.key !== ' ') return
  const el = event.target as HTMLElement | null
  const role = el?.getAttribute('role')
  if (
    !el ||
    !role ||
    !INTERACTIVE.has(role) ||
    el instanceof HTMLButtonElement ||
    el instanceof HTMLInputElement
  )
    return
  event.preventDefault()
  el.click()
}

function repairTree(root: ParentNode): void {
  if (root instanceof Element) repair(root)
  root
    .querySelectorAll(
      '[aria-role], taro-button-core, taro-image-core > img:not([alt]), .taro_page:not([tabindex])',
    )
    .forEach(repair)
}

/** The tab bar element may get its content after insertion: checked after every batch of changes. */
function labelTabBar(): void {
  const bar = document.querySelector('taro-tabbar:not([role]), .taro-tabbar__tabbar:not([role])')
  if (bar) {
    bar.setAttribute('role', 'navigation')
    bar.setAttribute('aria-label', '主导航')
  }
  document.querySelectorAll('img.weui-tabbar__icon:not([alt])').forEach((img) => img.setAttribute('alt', ''))
}

/**
 * Taro's H5 title bar (app.config `navigationStyle: 'default'`): its back and home icons are bare
 * `div`s. They get a role, a name and a tab stop; the bar is the page's banner.
 */
function labelNavigationBar(): void {
  const bar = document.getElementById('taro-navigation-bar')
  if (!bar || bar.hasAttribute('role')) return
  bar.setAttribute('role', 'banner')
  for (const [cls, name] of [
    ['taro-navigation-bar-back', '返回'],
    ['taro-navigation-bar-home', '回到首页'],
  ] as const) {
    const btn = bar.getElementsByClassName(cls)[0]
    if (!btn) continue
    btn.setAttribute('role', 'button')
    btn.setAttribute('aria-label', name)
    btn.setAttribute('tabindex', '0')
    btn.querySelector('svg')?.setAttribute('aria-hidden', 'true')
  }
}

export function initPlatform(): void {
  document.addEventListener('keydown', activateOnKey)
  repairTree(document)
  labelTabBar()
  labelNavigationBar()
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') repair(r.target as Element)
      else r.addedNodes.forEach((n) => n instanceof Element && repairTree(n))
    }
    labelTabBar()
  }).observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-role', 'role', 'disabled'],
  })
}
