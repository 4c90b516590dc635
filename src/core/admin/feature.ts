import { defineFeature } from '../feature'

/** Org tree admin: tree, CSV import, contacts, role grants, staff lists: who may call its actions, what the kit audits, and its error copy. */
export const adminFeature = defineFeature({
  name: 'admin',
  // Which level and which subtree: core/admin/rules.ts (ManagedBy, SettingsBy, GrantableBy, StaffViewers).
  permissions: {
    'org.children': ['community_admin', 'street_admin'],
    'org.create': ['community_admin', 'street_admin'],
    'org.rename': ['community_admin', 'street_admin'],
    'org.update': ['community_admin', 'street_admin'],
    'org.import': ['community_admin', 'street_admin'],
    'org.contacts': ['community_admin', 'street_admin'],
    'org.street': ['street_admin'],
    'role.grant': ['grid_worker', 'community_admin', 'street_admin'],
    'role.revoke': ['grid_worker', 'community_admin', 'street_admin'],
    'staff.list': ['grid_worker', 'building_leader', 'community_admin', 'street_admin'],
  },
  audited: ['staff.list'],
  copy: {
    'ORG.NAME_TAKEN': '同一上级下已有这个名称，请换一个',
    'ORG.IMPORT_INVALID': '表格中有错误，未导入任何楼栋，请按提示修改后重新导入',
    'ROLE.LAST_ADMIN': '不能撤销自己唯一的管理员身份，请联系上级处理',
  },
})
