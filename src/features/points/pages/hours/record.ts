import { fullDate as chinaDate } from '@core/china-time'
import type { MyHours } from '@core/activities/api'

export { chinaDate }

export const NOTE = '本记录依据《志愿服务记录与证明出具办法》由社区据实记录'

/** The record as plain text (what the WeChat build copies for pasting into a chat or a document). */
export function recordText(h: MyHours): string {
  return [
    '志愿服务记录',
    `姓名：${h.name}`,
    `社区：${h.communityName}`,
    `累计志愿服务时长：${h.totalHours} 小时（${h.count} 次）`,
    '',
    ...h.lines.map(
      (l) =>
        `${chinaDate(l.date)}  ${l.title}（${l.team}）  ${l.hours} 小时  确认人：${l.confirmedByName}  组织单位：${l.organisation}`,
    ),
    '',
    `出具时间：${chinaDate(h.issuedAt)}`,
    `${NOTE}。`,
  ].join('\n')
}
