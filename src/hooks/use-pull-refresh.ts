import Taro, { usePullDownRefresh } from '@tarojs/taro'

/** Pull down to refresh (pages with `enablePullDownRefresh`): runs `refresh`, then ends the pull. */
export function usePullRefresh(refresh: () => void): void {
  usePullDownRefresh(() => {
    refresh()
    void Taro.stopPullDownRefresh()
  })
}
