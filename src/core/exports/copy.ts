/**
 * The friendly Chinese copy of the exports' codes (./errors.ts). Not in the feature's declaration:
 * it ships with the exports subpackage, which registers it (`registerCopy`) when its client loads.
 * The cap's copy is the function's own message (it names the cap), so it is not repeated here.
 */
export const exportsCopy: Readonly<Record<string, string>> = {
  'EXPORT.BAD_KIND': '请选择要导出的数据',
  'EXPORT.BAD_DATE': '日期格式不正确，请重新选择',
  'EXPORT.BAD_PERIOD': '开始日期不能晚于结束日期',
  'EXPORT.PERIOD_TOO_LONG': '一次最多导出一年的数据，请缩短时间范围',
}
