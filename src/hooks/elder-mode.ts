import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'

const STORAGE_KEY = 'emulin.elderMode'
const OFFER_KEY = 'emulin.elderOffered'
const listeners = new Set<() => void>()
let cached: boolean | undefined

/**
 * WeChat's own font size (我-设置-通用-字体大小), in px: `getAppBaseInfo().fontSizeSetting` (base
 * library ≥ 2.23.4, iOS and Android), else the older `getSystemInfoSync().fontSizeSetting`. The
 * standard sizes are 16–17 px; 20 px and up is a reader who asked for large text.
 */
export const LARGE_SYSTEM_FONT_PX = 20

export function isLargeSystemFont(fontSizeSetting: unknown): boolean {
  return typeof fontSizeSetting === 'number' && fontSizeSetting >= LARGE_SYSTEM_FONT_PX
}

/** weapp only; H5 and older clients report nothing, and then nothing is assumed. */
function systemFontSize(): unknown {
  if (process.env.TARO_ENV !== 'weapp') return undefined
  try {
    const api = Taro as unknown as Record<string, undefined | (() => { fontSizeSetting?: number })>
    const info = api.getAppBaseInfo?.() ?? api.getSystemInfoSync?.()
    return info?.fontSizeSetting
  } catch {
    return undefined
  }
}

/**
 * H5 only: Taro renders the tab bar outside every page, so the `elder` class on the page root does
 * not reach it; the same class on <html> does (src/app.scss). WeChat draws its own native bar.
 */
function markDocument(on: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    document.documentElement.classList.toggle('elder', on)
  }
}

function read(): boolean {
  if (cached === undefined) {
    let stored: unknown
    try {
      stored = Taro.getStorageSync(STORAGE_KEY)
    } catch {
      stored = undefined
    }
    // The person's own choice wins; until they make one, a large WeChat font turns it on.
    cached = typeof stored === 'boolean' ? stored : isLargeSystemFont(systemFontSize())
    markDocument(cached)
  }
  return cached
}

/** Turns elder mode (长辈模式) on or off for every page; remembered on the device. */
export function setElderMode(on: boolean): void {
  cached = on
  markDocument(on)
  try {
    Taro.setStorageSync(STORAGE_KEY, on)
  } catch {
    // storage full or unavailable: the switch still works for this session
  }
  listeners.forEach((l) => l())
}

/**
 * H5 only: the choice made in another tab of the same browser (a `storage` event) reaches this one
 * too, without a reload. WeChat has one mini-program instance, so weapp drops this.
 */
if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== null && e.key !== STORAGE_KEY) return
    cached = undefined
    read()
    listeners.forEach((l) => l())
  })
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Elder mode now, outside a component (the stored choice, else WeChat's font size). */
export function isElderMode(): boolean {
  return read()
}

export function useElderMode(): boolean {
  return useSyncExternalStore(subscribe, read, read)
}

/** Whether the one-time first-launch offer (字太小？开启长辈模式) is still to be shown. */
export function elderOfferPending(): boolean {
  try {
    return Taro.getStorageSync(OFFER_KEY) !== true
  } catch {
    return false
  }
}

/** The offer was answered (开启 or 不用了): it is never shown again. */
export function answerElderOffer(on: boolean): void {
  try {
    Taro.setStorageSync(OFFER_KEY, true)
  } catch {
    // unavailable storage: shown again next launch, which is harmless
  }
  if (on) setElderMode(true)
}
