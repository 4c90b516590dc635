/** The guide's error copy (./errors.ts), shipped with its subpackage (`registerCopy`). */
import { GUIDE_LIMITS as L } from './model'

export const guideCopy: Readonly<Record<string, string>> = {
  'GUIDE.NO_COMMUNITY': '请先加入网格，或选择一个社区',
  'GUIDE.BAD_FIELDS': '请填写事项名称、办理地点、开放时间、电话和办理时限（不要过长）',
  'GUIDE.TOO_MANY_MATERIALS': `所需材料最多 ${L.materials} 项，每项不超过 ${L.material} 字`,
  'GUIDE.BAD_LOCATION': '地图位置无效',
  'GUIDE.BAD_CODE': '事项编号只能用小写字母、数字和短横线',
}
