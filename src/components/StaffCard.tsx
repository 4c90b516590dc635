import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { WorkbenchCount } from '@core/workbench/api'
import { mostUrgent, pendingTotal } from '@core/workbench/urgent'
import { callApi } from '../services/cloud'

const WORKBENCH_URL = '/features/workbench/pages/index/index'

/**
 * The 首页 tab's badge: how many things wait for the caller (the tab bar's red number), removed at
 * zero. Best effort: a page that is not a tab page, or a platform without a tab bar, has none.
 */
function badge(total: number): void {
  const set = total > 0
  try {
    const pending = set
      ? Taro.setTabBarBadge({ index: 0, text: total > 99 ? '99+' : String(total) })
      : Taro.removeTabBarBadge({ index: 0 })
    void Promise.resolve(pending).catch(() => undefined)
  } catch {
    // no tab bar here
  }
}

/** The home page's staff entry: 工作台 and its most urgent count; the whole card opens the workbench. */
export function StaffCard({ refresh }: { readonly refresh: number }) {
  const [top, setTop] = useState<WorkbenchCount | null | undefined>(undefined)
  useEffect(() => {
    callApi('workbench.summary', {}).then(
      (s) => {
        setTop(mostUrgent(s))
        badge(pendingTotal(s))
      },
      () => setTop(undefined),
    )
  }, [refresh])
  const line = top
    ? `${top.label} ${top.count} 件`
    : top === null
      ? '暂无待办事项'
      : '查看待办、指标和常用操作'
  return (
    <View
      className="card btn"
      ariaRole="button"
      ariaLabel={`工作台，${line}`}
      onClick={() => void Taro.navigateTo({ url: WORKBENCH_URL })}
    >
      <Text className="t-title">工作台</Text>
      <View>
        <Text className={top ? 't-body staff-card__urgent' : 't-body'}>{line}</Text>
      </View>
    </View>
  )
}
