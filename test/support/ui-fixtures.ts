/** Answers the page tests script (see ui-script.ts), shaped as the api returns them. */
import type { StaffPerson } from '../../src/core/admin/api'
import type { HouseholdSummary } from '../../src/core/me/api'

/** A person as staff.list shows them to a 新华社区 admin: one role in 新华社区, living at `household`. */
export const staffPerson = (
  userId: string,
  name: string,
  role = 'resident',
  household: StaffPerson['household'] = { buildingName: '1号楼', unitName: '1单元', room: '302' },
): StaffPerson => ({
  userId,
  name,
  phone: '13800000000',
  household,
  roles: [
    {
      role: role as StaffPerson['roles'][number]['role'],
      scope: { streetId: 's', communityId: 'cm-xinhua' },
      scopeName: '新华社区',
    },
  ],
  partyMember: null,
})

/** A household as me.profile / household.mine describe it: 新华社区第1网格 1号楼1单元 302 unless `over` says otherwise. */
export const householdSummary = (over: Partial<HouseholdSummary> = {}): HouseholdSummary => ({
  path: { streetId: 's', communityId: 'c', gridId: 'g', buildingId: 'b', unitId: 'u', householdId: 'h' },
  streetName: '东街道',
  communityName: '新华社区',
  gridName: '新华社区第1网格',
  buildingName: '1号楼',
  unitName: '1单元',
  room: '302',
  ...over,
})
