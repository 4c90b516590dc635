import { can, permissionTable } from '../../src/core/permissions'
import { Roles, RoleScopeLevel, type Role } from '../../src/core/roles'
import { actorWith, scopeOf } from '../support/builders'

const scopes = scopeOf

describe('permission table', () => {
  const cells = Object.keys(permissionTable).flatMap((action) =>
    [null, ...Roles].map((role) => [action, role] as const),
  )
  // Every cell of the table: action × role (null = identified caller with no grants).
  it.each(cells)('%s as %s', (action, role) => {
    const rule = permissionTable[action as keyof typeof permissionTable] as {
      anyone?: true
      roles?: readonly Role[]
    }
    const expected = rule.anyone === true || (role !== null && (rule.roles ?? []).includes(role))
    expect(can(actorWith(role), action)).toBe(expected)
  })

  it('denies unknown actions to everyone', () => {
    for (const role of Roles) expect(can(actorWith(role), 'no.such.action')).toBe(false)
  })

  it('scopes each role to its level of the tree', () => {
    for (const role of Roles) {
      const scope = scopes[role]
      const deepest = Object.keys(scope).length - 1
      expect(['street', 'community', 'grid', 'building', 'unit', 'household'][deepest]).toBe(
        RoleScopeLevel[role],
      )
    }
  })
})
