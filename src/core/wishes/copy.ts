import type { WishErrorCode } from './errors'

/** The friendly text of each wish code, shipped with the wishes subpackage (registerCopy). */
export const wishCopy: Readonly<Record<WishErrorCode, string>> = {
  'WISH.NO_HOUSEHOLD': '请先加入网格再许心愿',
  'WISH.BAD_TEXT': '请填写心愿标题和内容（标题不超过 20 字，内容不超过 300 字）',
  'WISH.TOO_MANY_PHOTOS': '照片过多（最多 6 张）',
  'WISH.PHOTO_INVALID': '照片无效或上传未完成，请重新添加',
  'WISH.BAD_CONTACT': '请填写这户人家的姓名、住址和正确的手机号',
  'WISH.REASON_REQUIRED': '请说明原因',
  'WISH.BAD_PUBLISH': '积分应在 0–100 之间，有效期 7–90 天',
  'WISH.TAKEN': '这个心愿已被其他人认领',
  'WISH.OWN_WISH': '不能认领自己的心愿',
  'WISH.NOT_HELPER': '只有本网格的党员帮办和志愿者可以认领心愿',
  'WISH.BAD_GROUP': '组团认领请填写团队名称，并选择 2–10 位本网格的帮办人（包括您自己）',
  'WISH.PHOTO_REQUIRED': '请上传至少一张实现心愿的照片',
  'WISH.BAD_STATE': '心愿状态已变化，请刷新后再操作',
  'WISH.WRONG_KIND': '这一步不适用于这类心愿',
}
