/**
 * The friendly Chinese copy of lending's error codes (./errors.ts). It ships with the lending
 * subpackage, which registers it (`registerCopy`) when its client loads, not with the main package.
 */
export const lendingCopy: Readonly<Record<string, string>> = {
  'LENDING.NO_HOUSEHOLD': '请先加入网格',
  'LENDING.OTHER_COMMUNITY': '只能借用本社区百宝屋的物品',
  'LENDING.BLOCKED_OVERDUE': '您有物品逾期超过 7 天未还，归还后才能预约',
  'LENDING.ALREADY_HELD': '您已预约或正在借用这件物品',
  'LENDING.TOO_MANY_HOLDS': '同时最多预约 3 件物品',
  'LENDING.NOT_LENDABLE': '这件物品已下架，不能预约',
  'LENDING.PLEDGE_SHORT': '积分不足，不够这件物品的押分',
  'LENDING.BAD_STATE': '状态已变化，请刷新后再操作',
  'LENDING.NOT_READY': '还没轮到这位居民取用，或取用时限已过',
  'LENDING.NOT_ON_LOAN': '这件物品不在您（或该借用人）名下借用中',
  'LENDING.RENEW_WAITING': '有邻居在排队，不能续借，请按时归还',
  'LENDING.RENEW_LIMIT': '续借次数已用完',
  'LENDING.BAD_ACCESSORIES': '配件清单与物品不符，请刷新',
  'LENDING.REASON_REQUIRED': '请填写原因',
  'LENDING.TEXT_EMPTY': '请填写内容',
  'LENDING.TEXT_TOO_LONG': '文字过长',
  'LENDING.BAD_NUMBER': '天数或积分不在允许范围内',
  'LENDING.TOO_MANY_PHOTOS': '照片过多',
  'LENDING.PHOTO_INVALID': '照片上传未完成，请重新添加',
  'LENDING.UNKNOWN_CODE': '没有找到这个物品码',
  'LENDING.BAD_KEEPER': '保管人须是本社区居民',
}
