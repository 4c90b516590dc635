import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { WorkbenchCount } from '@core/workbench/api'
import { mostUrgent } from '@core/workbench/urgent'
import { callApi } from '../services/cloud'

const WORKBENCH_URL = '/features/workbench/pages/index/index'

/** The home page's staff entry: 工作台 and its most urgent count; the whole card opens the workbench. */
export function StaffCard({ refresh }: { readonly refresh: number }) {
  const [top, setTop] = useState<WorkbenchCount | null | undefined>(undefined)
  useEffect(() => {
    callApi('workbench.summary', {}).then(
      (s) => setTop(mostUrgent(s)),
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
