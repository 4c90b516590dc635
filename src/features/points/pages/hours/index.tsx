import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MyHours } from '@core/activities/api'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { callApi } from '../../api'
import { keepMode, keepRecord } from './keep'
import { NOTE, chinaDate, recordText } from './record'
import './hours.scss'

const ACTIVITIES_URL = '/features/activities/pages/index/index'

/**
 * 我的志愿服务记录: total hours and each confirmed service (date, activity, team, hours, who confirmed,
 * the organisation), printable on H5; on WeChat the text version is copied (WeChat cannot print).
 */
export default function MyHoursPage() {
  const { data: hours, message, setMessage } = usePageData('hours', () => callApi('hours.mine', {}))

  const keep = (h: MyHours) =>
    void keepRecord(recordText(h)).then(
      () => keepMode === 'copy' && setMessage('已复制文字版记录，可粘贴到聊天或文档中保存'),
      () => setMessage(keepMode === 'copy' ? '复制失败，请截图保存' : '打印失败，请重试'),
    )

  return (
    <Page label="我的志愿服务记录">
      {message && (
        <View className="card no-print" ariaRole="status">
          <Text className="t-body">{message}</Text>
        </View>
      )}
      {!hours && !message && <Text className="t-muted">正在加载…</Text>}
      {hours && (
        <View className="card" ariaRole="region" ariaLabel="志愿服务记录">
          <Text className="t-title">志愿服务记录</Text>
          <View>
            <Text className="t-body">
              {hours.name} · {hours.communityName}
            </Text>
          </View>
          <View>
            <Text className="t-body">累计志愿服务时长 </Text>
            <Text className="hours__total">{hours.totalHours} 小时</Text>
            <Text className="t-body">（共 {hours.count} 次）</Text>
          </View>
        </View>
      )}
      {hours?.lines.length === 0 && (
        <View className="card">
          <Text className="t-body">
            还没有志愿服务记录。参加社区志愿活动、经社区确认出勤后，时长会记在这里。
          </Text>
          <Button
            className="btn no-print"
            block
            onClick={() => void Taro.navigateTo({ url: ACTIVITIES_URL })}
          >
            去看看志愿活动
          </Button>
        </View>
      )}
      {hours && hours.lines.length > 0 && (
        <View className="card">
          <Text className="t-title">服务明细</Text>
          <View ariaRole="list" ariaLabel="服务明细">
            {hours.lines.map((l) => (
              <View key={l.activityId} className="hours__row" ariaRole="listitem">
                <View className="hours__row-head">
                  <Text className="t-body">{chinaDate(l.date)}</Text>
                  <Text className="hours__hours t-body">{l.hours} 小时</Text>
                </View>
                <View>
                  <Text className="t-body">
                    {l.title}（{l.team}）
                  </Text>
                </View>
                <View>
                  <Text className="t-muted">
                    确认人：{l.confirmedByName} · 组织单位：{l.organisation}
                  </Text>
                </View>
              </View>
            ))}
          </View>
        </View>
      )}
      {hours && (
        <View className="card">
          <Text className="t-muted">出具时间：{chinaDate(hours.issuedAt)}</Text>
          <Text className="t-muted hours__note">{NOTE}。</Text>
        </View>
      )}
      {hours && hours.lines.length > 0 && (
        <View className="no-print">
          <Button className="btn" type="primary" block onClick={() => keep(hours)}>
            {keepMode === 'print' ? '打印/保存' : '复制文字版'}
          </Button>
          {keepMode === 'copy' && (
            <Text className="t-muted">小程序里不能直接打印：可以截图保存，或复制文字版后在电脑上打印。</Text>
          )}
          {keepMode === 'print' && <Text className="t-muted">打印时可选择“另存为 PDF”保存到电脑。</Text>}
        </View>
      )}
    </Page>
  )
}
