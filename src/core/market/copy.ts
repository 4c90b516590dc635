/**
 * The friendly Chinese copy of the love supermarket's error codes. Not in the feature's
 * declaration: it ships with the market subpackage, which registers it (`registerCopy`,
 * src/services/error-copy.ts) when its client loads, keeping the main package within its budget.
 */
export const marketCopy: Readonly<Record<string, string>> = {
  'MARKET.BAD_ITEM': '请填写物品名称（不超过 40 字），说明不超过 200 字',
  'MARKET.BAD_PRICE': '所需积分应为 1–10000 的整数，库存为 0–10000 的整数',
  'MARKET.ITEM_NOT_FOUND': '物品不存在或已下架',
  'MARKET.OUT_OF_STOCK': '已兑完，请留意补货',
  'MARKET.VOUCHER_NOT_FOUND': '没有找到这张兑换券，请核对兑换码',
  'MARKET.VOUCHER_USED': '这张兑换券已经领取过了',
  'MARKET.VOUCHER_EXPIRED': '兑换券已过期，积分已退回',
  'MARKET.VOUCHER_CANCELLED': '兑换券已取消，积分已退回',
  'MARKET.NOT_IN_SCOPE': '这是其他社区的爱心超市',
}
