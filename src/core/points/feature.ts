import { defineFeature } from '../feature'

/** The points ledger (爱心卡): who may call its actions, what the kit audits, and its error copy. */
export const pointsFeature = defineFeature({
  name: 'points',
  // A person reads their own; admins award and correct in their community.
  permissions: {
    'points.mine': 'anyone',
    'points.give': ['resident'],
    'points.recipients': ['resident'],
    'points.award': ['community_admin'],
    'points.correct': ['community_admin'],
    'points.audit': ['community_admin', 'street_admin'],
    'points.transfers': ['community_admin', 'street_admin'],
  },
  audited: ['points.transfers'],
  copy: {
    'POINTS.INSUFFICIENT': '积分不足',
    'POINTS.BAD_AMOUNT': '积分数量应为正整数，且单次不超过 10000 分',
    'POINTS.SAME_ACCOUNT': '不能转给自己',
    'POINTS.REASON_REQUIRED': '请填写原因',
    'POINTS.BAD_CAUSE': '积分记录有误，请联系社区处理',
    'POINTS.NOT_IN_SCOPE': '只能奖励本社区的居民',
    'POINTS.NOT_MY_HELPER': '只能转赠给帮您办过事的邻居，或捐给社区爱心基金',
  },
})
