/**
 * Households of 新华第1网格 for the deliberation tests: `n` households in 1号楼1单元 (rooms
 * `<prefix>01`…), each with one resident (openid `openid-topic-<prefix>-<i>`).
 */
import { XINHUA_01 } from './demo-people'

export const UNIT = 'bd-xinhua-01-01-u1'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = () => any

export interface TestHousehold {
  readonly openid: string
  readonly room: string
  readonly householdId: string
  readonly userId: string
}

export async function addHouseholds(db: Db, n: number, prefix: string): Promise<TestHousehold[]> {
  const out: TestHousehold[] = []
  for (let i = 0; i < n; i += 1) {
    const room = `${prefix}${String(i + 1).padStart(2, '0')}`
    const householdId = `hh-test-${prefix}-${i}`
    const scope = { ...XINHUA_01, buildingId: 'bd-xinhua-01-01', unitId: UNIT, householdId }
    await db()
      .collection('households')
      .add({
        _id: householdId,
        level: 'household',
        ...XINHUA_01,
        buildingId: 'bd-xinhua-01-01',
        unitId: UNIT,
        room,
      })
    const openid = `openid-topic-${prefix}-${i}`
    const userId = `user-topic-${prefix}-${i}`
    await db()
      .collection('users')
      .add({
        _id: userId,
        openid,
        displayName: `居民${prefix}${i}`,
        realName: `居民${prefix}${i}`,
        householdId,
        grants: [{ role: 'resident', scope }],
        createdAt: new Date(),
      })
    out.push({ openid, room, householdId, userId })
  }
  return out
}
