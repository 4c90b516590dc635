/**
 * The staff page's places: each level's label, where a role can be granted from the place listed
 * (the place itself, its ancestor, or one of its children), and where a person's own list starts.
 */
import { grantOver } from '@core/access'
import type { StaffPage } from '@core/admin/api'
import { StaffViewers } from '@core/admin/rules'
import type { NamedOption } from '@core/join/api'
import type { OrgLevel, OrgPath } from '@core/org/model'
import { RoleScopeLevel, type Actor, type Role } from '@core/roles'

export type Place = StaffPage['place']
export const LEVEL_LABEL: Record<OrgLevel, string> = {
  street: '街道',
  community: '社区',
  grid: '网格',
  building: '楼栋',
  unit: '单元',
  household: '户',
}
export const KEY: Partial<Record<OrgLevel, keyof OrgPath>> = {
  street: 'streetId',
  community: 'communityId',
  grid: 'gridId',
  building: 'buildingId',
}
export const CHILD: Partial<Record<Place['level'], 'grid' | 'building'>> = {
  community: 'grid',
  grid: 'building',
}

/** The deepest place of a staff grant: where this person's own list starts. */
export function homeScopeId(actor: Actor): string | null {
  const grant = grantOver(
    actor,
    StaffViewers.filter((r) => r !== 'street_admin'),
  )
  const s = grant?.scope
  return s ? (s.buildingId ?? s.gridId ?? s.communityId ?? null) : null
}

/** Where `role` can be granted from this view: the place itself, its ancestor, or one of its children. */
export function placesFor(role: Role, place: Place, children: readonly NamedOption[]): NamedOption[] {
  const level = RoleScopeLevel[role]
  const key = KEY[level]
  const id = key ? place.path[key] : undefined
  if (id) return [{ id, name: level === place.level ? place.name : `本${LEVEL_LABEL[level]}` }]
  return CHILD[place.level] === level ? [...children] : []
}
