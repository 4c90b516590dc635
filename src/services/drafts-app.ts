/**
 * The app's one draft outbox: device storage (Taro storage, weapp and H5), photos uploaded with the
 * platform's upload, retried on a timer, when the network comes back and when the app returns to the
 * foreground. Feature kinds (reports here; errands in #6) register on it.
 */
import Taro from '@tarojs/taro'
import { DraftOutbox } from './drafts'
import { discardPhoto, uploadPhoto } from './upload'

export const appOutbox = new DraftOutbox({
  store: { get: (k) => Taro.getStorageSync(k), set: (k, v) => Taro.setStorageSync(k, v) },
  upload: uploadPhoto,
  discardFile: discardPhoto,
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
})

let started = false

/**
 * Starts the automatic retries once per launch: now, on network recovery and on app show. Safe to
 * call from every page that saves drafts (and from app.ts).
 */
export function startDraftSync(): void {
  if (started) return
  started = true
  Taro.onNetworkStatusChange?.((res) => {
    if (res.isConnected) void appOutbox.flush({ force: true })
  })
  Taro.onAppShow?.(() => void appOutbox.flush({ force: true }))
  void appOutbox.flush()
}
