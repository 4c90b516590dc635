import { defineFeature } from '../feature'

/** My data, my profile and the helper profile (src/core/me): who may call its actions, what the kit audits, and its error copy. */
export const meFeature = defineFeature({
  name: 'me',
  // Everyone reads and erases their own data (PIPL); the volunteer profile (skills, 党员亮身份) is helpers' only.
  permissions: {
    'me.profile': 'anyone',
    'me.data': 'anyone',
    'me.delete': 'anyone',
    'phone.fromCode': 'anyone',
    'helper.profile': ['helper'],
    'helper.update': ['helper'],
  },
  copy: {
    'PHONE.CODE_INVALID': '获取手机号失败，请重试或手动填写',
  },
})
