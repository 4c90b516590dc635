/** The SLA inputs of the 工单类别与时限 page: titles, hints, and the table as the inputs hold it. */
import { SlaFields, slaValue, type OrderConfigView, type SlaField, type SlaPatch } from '@core/orders/config'
import { Tiers, type Tier } from '@core/orders/model'

export const TIER_TITLE: Record<Tier, string> = {
  grid: '网格',
  community: '社区',
  street: '街道',
  department: '职能部门',
}
export const OTHER_FIELDS: readonly SlaField[] = ['hazardAcceptHours', 'reopenDays', 'maxPromiseDays']
export const OTHER_HINT: Partial<Record<SlaField, string>> = {
  hazardAcceptHours: '飞线充电、燃气异味等安全隐患，各级都要在这个时间内接单',
  reopenDays: '答复后居民在这些天内可以要求重新办理；过后未评价的工单自动办结',
  maxPromiseDays: '“限期办”承诺的办结日期最多在多少天以后',
}

/** The SLA numbers as the inputs hold them (text while typing). */
export function slaTexts(view: OrderConfigView): Record<SlaField, string> {
  return Object.fromEntries(SlaFields.map((f) => [f, String(slaValue(view.sla, f) ?? '')])) as Record<
    SlaField,
    string
  >
}

/** Every SLA field as a number (empty or not a number stays NaN: the rules name it). */
export function slaPatchOf(texts: Record<SlaField, string>): SlaPatch {
  const num = (f: SlaField) => (texts[f].trim() === '' ? Number.NaN : Number(texts[f]))
  const tiers = Object.fromEntries(
    Tiers.map((t) => [
      t,
      { acceptHours: num(`tiers.${t}.acceptHours`), replyDays: num(`tiers.${t}.replyDays`) },
    ]),
  ) as SlaPatch['tiers']
  return {
    tiers,
    hazardAcceptHours: num('hazardAcceptHours'),
    reopenDays: num('reopenDays'),
    maxPromiseDays: num('maxPromiseDays'),
  }
}
