import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { LatestNotice as Latest } from '@core/notices/latest-api'
import { callApi } from '../services/cloud'
import { CellRow } from './CellRow'

/**
 * The newest notice for me (pinned first): `undefined` while it loads, `null` when there is none or it
 * failed. Fetched beside the profile, not after it, so the home page paints its cards at once.
 */
export function useLatestNotice(refresh: number): Latest | null | undefined {
  const [n, setN] = useState<Latest | null>()
  useEffect(() => {
    callApi('notice.latest', {}).then(
      (r) => setN(r.notice ?? null),
      () => setN(null),
    )
  }, [refresh])
  return n
}

/** Home: the newest notice, one tap to read it; 更多 opens the list. Nothing when there is none. */
export function LatestNotice({ notice: n }: { readonly notice: Latest | null | undefined }) {
  if (!n) return null
  const go = (url: string) => void Taro.navigateTo({ url: `/features/notices/pages/${url}` })
  // WeUI's panel: the notice a row with a chevron, 更多公告 its footer row, split by a hairline.
  return (
    <View className="cells" ariaRole="region" ariaLabel="社区公告">
      <CellRow
        link
        title={
          <View>
            <Text className="t-muted">{n.pinned ? '社区公告 · 置顶' : '社区公告'}</Text>
            <View>
              <Text className="t-body">{n.title}</Text>
            </View>
          </View>
        }
        onTap={() => go(`detail/index?id=${n.id}`)}
      />
      <CellRow link title={<Text className="t-muted">更多公告</Text>} onTap={() => go('index/index')} />
    </View>
  )
}
