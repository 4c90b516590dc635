import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'

const STORAGE_KEY = 'emulin.elderMode'
const listeners = new Set<() => void>()
let cached: boolean | undefined

function read(): boolean {
  if (cached === undefined) {
    try {
      cached = Taro.getStorageSync(STORAGE_KEY) === true
    } catch {
      cached = false
    }
  }
  return cached
}

/** Turns elder mode (长辈模式) on or off for every page; remembered on the device. */
export function setElderMode(on: boolean): void {
  cached = on
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
