/**
 * Households of 新华第1网格 for the deliberation tests: `n` households in 1号楼1单元 (or unit 1 of
 * the grid's `building`th building: 7 → 7号楼, `bd-xinhua-01-07`), rooms `<prefix>01`…, each with
 * one resident (openid `openid-topic-<prefix>-<i>`).
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

/** The id of the grid's `n`th building (1号楼…12号楼) and of its first unit. */
export const buildingOf = (n: number) => `bd-xinhua-01-${String(n).padStart(2, '0')}`
export const unitOf = (n: number) => `${buildingOf(n)}-u1`

export async function addHouseholds(
  db: Db,
  n: number,
  prefix: string,
  building = 1,
): Promise<TestHousehold[]> {
  const out: TestHousehold[] = []
  const buildingId = buildingOf(building)
  const unitId = unitOf(building)
  for (let i = 0; i < n; i += 1) {
    const room = `${prefix}${String(i + 1).padStart(2, '0')}`
    const householdId = `hh-test-${prefix}-${i}`
    const scope = { ...XINHUA_01, buildingId, unitId, householdId }
    await db()
      .collection('households')
      .add({
        _id: householdId,
        level: 'household',
        ...XINHUA_01,
        buildingId,
        unitId,
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
