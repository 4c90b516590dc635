/**
 * The friendly Chinese copy of the notices' error codes (./errors.ts). It ships with the notices
 * subpackage, which registers it (`registerCopy`) when its client loads: only its pages meet them.
 */
import { NOTICE_LIMITS as L } from './model'

export const noticesCopy: Readonly<Record<string, string>> = {
  'NOTICES.NO_HOUSEHOLD': '请先加入网格',
  'NOTICES.TITLE': `请填写标题（不超过 ${L.title} 字）`,
  'NOTICES.TEXT_TOO_LONG': `正文过长（每段不超过 ${L.paragraph} 字，全文不超过 ${L.text} 字）`,
  'NOTICES.EMPTY': '请填写公告正文',
  'NOTICES.TOO_MANY_IMAGES': `图片最多 ${L.images} 张`,
  'NOTICES.TOO_MANY_ATTACHMENTS': `附件最多 ${L.attachments} 个`,
  'NOTICES.FILE_INVALID': '图片或附件上传未完成，请重新添加',
  'NOTICES.ATTACHMENT_TOO_LARGE': '附件不超过 20MB',
  'NOTICES.BAD_GRIDS': '请选择本社区的网格',
  'NOTICES.BAD_TIME': '发布时间应在 90 天之内',
  'NOTICES.WITHDRAWN': '公告已撤回',
}
