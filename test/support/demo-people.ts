/**
 * The demo people of emulator/seed/demo-data.ts that tests act as, by openid (`demo-openid-<slug>`;
 * their user id is `user-<slug>`). One list, so a test names a person instead of re-typing the slug.
 */
const openid = (slug: string) => `demo-openid-${slug}`

// Residents of 新华社区第1网格 (XINHUA_01).
/** 王秀英, 1号楼 302. */
export const WANG = openid('resident-wang')
/** 李德明. */
export const LI = openid('resident-li')
/** 陈桂兰. */
export const CHEN = openid('resident-chen')
/** 赵海燕. */
export const ZHAO = openid('resident-zhao')
/**
 * Helpers (residents who take errands): 刘志强, 杨丽华, 黄文博. 杨丽华 is also the grid's party branch
 * secretary on its residents' council (议事会成员 · 党支部书记).
 */
export const LIU = openid('helper-liu')
export const YANG = openid('helper-yang')
/** The grid council's party branch secretary: 杨丽华 (the same person as YANG). */
export const COUNCIL_YANG = YANG
export const HUANG = openid('helper-huang')
/** 周淑芬, building leader of 1号楼. */
export const LEADER_ZHOU = openid('leader-zhou')

/** The street admin of 东街道. */
export const STREET_ADMIN = openid('street-admin')
/** Community admins. */
export const XINHUA_ADMIN = openid('xinhua-admin')
export const DONGSHAN_ADMIN = openid('dongshan-admin')
/** Grid workers. */
export const XINHUA_01_WORKER = openid('xinhua-01-worker')
export const XINHUA_02_WORKER = openid('xinhua-02-worker')
export const DONGSHAN_01_WORKER = openid('dongshan-01-worker')

/** The place of 新华社区第1网格, where all the people above live. */
export const XINHUA_01 = { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' }

/** A resident's grant in 东山社区 (the community next to the demo people's), in household `householdId`. */
export const dongshanResidentGrant = (householdId: string) => ({
  role: 'resident',
  scope: {
    streetId: 'st-dongjie',
    communityId: 'cm-dongshan',
    gridId: 'gr-dongshan-01',
    buildingId: 'bd-dongshan-01-01',
    unitId: 'bd-dongshan-01-01-u1',
    householdId,
  },
})

/** A user a test adds: a resident of 东山社区, for "another community changes nothing". */
export const dongshanResident = (userId: string, openid: string, householdId: string) => ({
  _id: userId,
  openid,
  displayName: '东山居民',
  grants: [dongshanResidentGrant(householdId)],
  createdAt: new Date(),
})
