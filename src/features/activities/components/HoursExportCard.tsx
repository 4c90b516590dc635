import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { HoursExport } from '@core/activities/api'
import { Button } from '../../../components/ui'
import { failureCopy } from '../../../services/cloud'
import { callApi } from '../api'
import { openExport } from '../device'

/**
 * 导出志愿时长: the community's confirmed volunteer-hours lines as an Excel file (hours.export), then
 * 打开文件. Shown to the community's admin on an activity's page and on 志愿时长导出 in their menu.
 */
export function HoursExportCard({
  communityId,
  onMessage,
  primary = false,
}: {
  readonly communityId: string
  readonly onMessage: (text: string | null) => void
  /** The screen's one primary action (its own page), or a secondary one (an activity's page). */
  readonly primary?: boolean
}) {
  const [exported, setExported] = useState<HoursExport | null>(null)
  const [busy, setBusy] = useState(false)
  const exportHours = async () => {
    setBusy(true)
    onMessage(null)
    try {
      setExported(await callApi('hours.export', { communityId }))
    } catch (e) {
      onMessage(failureCopy(e, '导出失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const open = (exp: HoursExport) =>
    void openExport(exp).then((r) => r === 'failed' && onMessage('文件打开失败，请重新导出'))
  return (
    <View className="card" ariaRole="region" ariaLabel="志愿时长导出">
      <Text className="t-title">导出志愿时长</Text>
      <View>
        <Text className="t-muted">本社区已确认的志愿服务记录（Excel 表格），可用于出具志愿服务证明。</Text>
      </View>
      {exported ? (
        <View>
          <Text className="t-body">
            已生成 {exported.fileName}（{exported.rows} 条记录）
          </Text>
          <Button className="btn" type="primary" block onClick={() => open(exported)}>
            打开文件
          </Button>
        </View>
      ) : (
        <Button
          className="btn"
          type={primary ? 'primary' : 'default'}
          block
          disabled={busy}
          onClick={() => void exportHours()}
        >
          导出志愿时长
        </Button>
      )}
    </View>
  )
}
