/** Answers the page tests script (see ui-script.ts), shaped as the api returns them. */
import type { StaffPerson } from '../../src/core/admin/api'

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
