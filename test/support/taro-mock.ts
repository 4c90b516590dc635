/**
 * A project-owned test double for `@tarojs/taro` in the jsdom UI project (Taro's own module needs
 * the mini-program runtime). Only the APIs the app uses; each records its calls.
 */
import { useEffect } from 'react'

const storage = new Map<string, unknown>()

export const navigateTo = jest.fn(async (_opts: { url: string }) => ({ errMsg: 'navigateTo:ok' }))
export const redirectTo = jest.fn(async (_opts: { url: string }) => ({ errMsg: 'redirectTo:ok' }))
export const navigateBack = jest.fn(async (_opts?: { delta?: number }) => ({ errMsg: 'navigateBack:ok' }))
/** The page stack, oldest first, as `route`s without a leading slash (WeChat's form); tests set it. */
export const pageStack: string[] = []
export const getCurrentPages = jest.fn(() => pageStack.map((route) => ({ route })))
export const stopPullDownRefresh = jest.fn(async () => undefined)
export const getStorageSync = jest.fn((key: string) => (storage.has(key) ? storage.get(key) : ''))
export const setStorageSync = jest.fn((key: string, value: unknown) => {
  storage.set(key, value)
})
export const router = { params: {} as Record<string, string> }
export const useRouter = () => router
export const useLaunch = (_fn: () => void) => undefined
export const usePullDownRefresh = (_fn: () => void) => undefined
/** The page is shown once, when it mounts (coming back to it is a new render in these tests). */
export const useDidShow = (fn: () => void) => useEffect(fn, [])
export const cloud = { init: jest.fn(), callFunction: jest.fn() }
/** The H5 build reports 'WEB'; NutUI asks to pick its platform code paths. */
export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB' } as const
export const getEnv = () => ENV_TYPE.WEB
export const pxTransform = (value: number) => `${value}px`
/** Transient news (WeUI toast): what the page said, for the test to read. */
export const setTabBarBadge = jest.fn(async (_o: { index: number; text: string }) => ({
  errMsg: 'setTabBarBadge:ok',
}))
export const removeTabBarBadge = jest.fn(async (_o: { index: number }) => ({
  errMsg: 'removeTabBarBadge:ok',
}))
export const showToast = jest.fn(async (_o: { title: string; icon?: string }) => ({ errMsg: 'showToast:ok' }))

/** The confirmation dialog: answered "确定" unless a test says otherwise (`showModal.mockResolvedValueOnce`). */
export const showModal = jest.fn(async (_o: { title?: string; content?: string }) => ({
  confirm: true,
  cancel: false,
  errMsg: 'showModal:ok',
}))
export const makePhoneCall = jest.fn(async (_o: { phoneNumber: string }) => ({ errMsg: 'makePhoneCall:ok' }))

export function resetTaroMock(): void {
  storage.clear()
  router.params = {}
  navigateTo.mockClear()
  redirectTo.mockClear()
  navigateBack.mockClear()
  getCurrentPages.mockClear()
  pageStack.length = 0
  setStorageSync.mockClear()
  getStorageSync.mockClear()
  showToast.mockClear()
  showModal.mockClear()
  makePhoneCall.mockClear()
  setTabBarBadge.mockClear()
  removeTabBarBadge.mockClear()
}

const Taro = {
  navigateTo,
  redirectTo,
  navigateBack,
  getCurrentPages,
  stopPullDownRefresh,
  getStorageSync,
  setStorageSync,
  useRouter,
  cloud,
  getEnv,
  ENV_TYPE,
  pxTransform,
  showToast,
  showModal,
  makePhoneCall,
  setTabBarBadge,
  removeTabBarBadge,
}
export default Taro
