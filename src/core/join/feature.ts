import { defineFeature } from '../feature'

/** Scan to join: codes, options, requests and their decisions: who may call its actions, what the kit audits, and its error copy. */
export const joinFeature = defineFeature({
  name: 'join',
  permissions: {
    // Anyone identified may look up a code, browse places and ask to join.
    'code.resolve': 'anyone',
    'join.options': 'anyone',
    'join.submit': 'anyone',
    'join.mine': 'anyone',
    // Deciding joins: the policy's deciders, each within their subtree (core/join/rules.ts).
    'join.inbox': ['grid_worker', 'building_leader', 'community_admin'],
    'join.decide': ['grid_worker', 'building_leader', 'community_admin'],
    'join.cancel': 'anyone',
  },
  audited: ['join.inbox'],
  copy: {
    'JOIN.CODE_INVALID': '该二维码已失效，请扫描最新张贴的二维码或手动选择小区',
    'JOIN.ALREADY_MEMBER': '您已加入一个家庭，如需搬家请在“我的家庭”中申请迁移',
    'JOIN.PENDING_EXISTS': '您已有一个待审核的入格申请，请等待审核或先撤回',
    'JOIN.NOT_PENDING': '该申请已处理，请刷新查看',
    'JOIN.UNIT_NOT_FOUND': '所选单元不存在，请重新选择',
  },
})
