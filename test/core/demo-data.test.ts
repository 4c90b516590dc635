import { buildDemoData } from '../../emulator/seed/demo-data'
import { isWithin, type OrgPath } from '../../src/core/org/model'
import { Roles, RoleScopeLevel, type RoleGrant } from '../../src/core/roles'

const data = buildDemoData()
const ids = (c: string) => new Set((data[c] ?? []).map((d) => d._id))

describe('demo data', () => {
  it('is the seed street: one street, 6 communities, several grids, buildings', () => {
    expect(data.streets).toHaveLength(1)
    expect(data.communities).toHaveLength(6)
    expect((data.grids ?? []).length).toBeGreaterThanOrEqual(6 * 6)
    expect((data.buildings ?? []).length).toBeGreaterThan(100)
  })

  it('has demo people for every role', () => {
    const held = new Set((data.users ?? []).flatMap((u) => (u.grants as RoleGrant[]).map((g) => g.role)))
    for (const role of Roles) expect(held).toContain(role)
  })

  it('counts its deliberation in the metrics the moves keep: 2 raised and confirmed, 1 vote of 6 households', () => {
    const grid = (data.topic_stats ?? []).find((d) => d._id === 'grid:gr-xinhua-01')
    const community = (data.topic_stats ?? []).find((d) => d._id === 'community:cm-xinhua')
    for (const doc of [grid, community])
      expect(doc).toMatchObject({ raised: 2, confirmed: 2, decided: 1, votes: 1, participated: 6 })
    expect(data.topics?.filter((t) => t.path && (t.path as OrgPath).gridId === 'gr-xinhua-01')).toHaveLength(
      2,
    )
  })

  it('has unique ids and openids', () => {
    for (const [collection, docs] of Object.entries(data)) {
      expect({ collection, size: new Set(docs.map((d) => d._id)).size }).toEqual({
        collection,
        size: docs.length,
      })
    }
    const openids = (data.users ?? []).map((u) => u.openid)
    expect(new Set(openids).size).toBe(openids.length)
  })

  it('links every node to ancestors that exist', () => {
    const known: Record<string, Set<string>> = {
      streetId: ids('streets'),
      communityId: ids('communities'),
      gridId: ids('grids'),
      buildingId: ids('buildings'),
      unitId: ids('units'),
      householdId: ids('households'),
    }
    for (const c of ['communities', 'grids', 'buildings', 'units', 'households']) {
      for (const doc of data[c] ?? []) {
        for (const [key, set] of Object.entries(known)) {
          const v = doc[key]
          if (typeof v === 'string')
            expect({ doc: doc._id, key, exists: set.has(v) }).toEqual({ doc: doc._id, key, exists: true })
        }
      }
    }
  })

  it('scopes every grant at its role level, inside the seeded tree, and homes residents in their scope', () => {
    for (const user of data.users ?? []) {
      for (const grant of user.grants as RoleGrant[]) {
        const keys = Object.keys(grant.scope)
        const deepest = ['street', 'community', 'grid', 'building', 'unit', 'household'][keys.length - 1]
        expect({ user: user._id, level: deepest }).toEqual({
          user: user._id,
          level: RoleScopeLevel[grant.role],
        })
        if (grant.role === 'resident') expect(grant.scope.householdId).toBe(user.householdId)
        expect(isWithin(grant.scope, { streetId: 'st-dongjie' } as OrgPath)).toBe(true)
      }
    }
  })
})
