import Taro from '@tarojs/taro'

/**
 * WeChat: `wx.requirePrivacyAuthorize` shows the official privacy guide popup when the user has not
 * agreed yet (app.json `__usePrivacyCheck__`), and rejects when they decline.
 */
export function requirePrivacyConsent(): Promise<void> {
  return new Promise((resolve, reject) => {
    const api = (
      Taro as unknown as {
        requirePrivacyAuthorize?: (o: { success: () => void; fail: (e: unknown) => void }) => void
      }
    ).requirePrivacyAuthorize
    if (!api) return resolve() // base library < 2.32.3 has no privacy check
    api({ success: () => resolve(), fail: (e) => reject(e) })
  })
}
