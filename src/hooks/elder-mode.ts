import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'

const STORAGE_KEY = 'emulin.elderMode'
const listeners = new Set<() => void>()
let cached: boolean | undefined

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
    try {
      cached = Taro.getStorageSync(STORAGE_KEY) === true
    } catch {
      cached = false
    }
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

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useElderMode(): boolean {
  return useSyncExternalStore(subscribe, read, read)
}
