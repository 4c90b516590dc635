/**
 * The pure rules of the service guide: who edits which catalogue, what an entry may hold, how a
 * community's entries override its street's, and the search.
 */
import { AdminRoles, holdsOver, homeOf, placeIds, StaffRoles, type Holder } from '../access'
import { DomainError } from '../errors'
import { GuideErrors as E } from './errors'
import { GUIDE_CODE, GUIDE_LIMITS as L, type GuideFields, type GuideLevel, type GuideRecord } from './model'

/** May `h` edit the catalogue of this place (a street: its admins; a community: its admins or the street's)? */
export function mayEdit(
  h: Holder,
  level: GuideLevel,
  place: { streetId: string; communityId?: string },
): boolean {
  if (level === 'street') return holdsOver(h, 'street_admin', { streetId: place.streetId })
  return place.communityId !== undefined && holdsOver(h, AdminRoles, place)
}

/**
 * The community whose guide the caller reads: the one named (the guide is public information, like
 * the paper on the service hall's wall), else their own, else the first they work in as grid
 * worker or community admin (GUIDE.NO_COMMUNITY: none; a street admin names one).
 */
export function guideCommunity(h: Holder, named: string | undefined): string {
  const communityId = named ?? homeOf(h)?.communityId ?? placeIds(h, StaffRoles, 'community')[0]
  if (!communityId) throw new DomainError(E.NO_COMMUNITY, '请先加入网格')
  return communityId
}

/** An entry as residents see it, with where it comes from. */
export type Merged = GuideRecord & { readonly source: GuideLevel }

/** The street's entries with the community's in place of those of the same code, and its own added; by category, then title. */
export function merge(street: readonly GuideRecord[], community: readonly GuideRecord[]): Merged[] {
  const byCode = new Map<string, Merged>()
  for (const e of street) byCode.set(e.code, { ...e, source: 'street' })
  for (const e of community) byCode.set(e.code, { ...e, source: 'community' })
  return [...byCode.values()].sort(
    (a, b) =>
      a.category.localeCompare(b.category, 'zh-CN') ||
      a.title.localeCompare(b.title, 'zh-CN') ||
      a.code.localeCompare(b.code),
  )
}

/** Does the entry match every word of the query, in its title, category or materials? (Empty: all.) */
export function matches(e: GuideFields, q: string | undefined): boolean {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const hay = [e.title, e.category, ...e.materials].join(' ').toLowerCase()
  return words.every((w) => hay.includes(w))
}

/** One page of the merged, filtered list after `cursor` (the last code shown). */
export function pageOf<T extends { code: string }>(
  all: readonly T[],
  cursor: string | undefined,
  size: number = L.page,
): { items: T[]; cursor: string | null } {
  const start = cursor ? all.findIndex((e) => e.code === cursor) + 1 : 0
  const items = all.slice(start, start + size)
  const last = items[items.length - 1]
  return { items, cursor: start + size < all.length && last ? last.code : null }
}

const within = (s: string, max: number) => s.length > 0 && s.length <= max

/** Checks and trims an entry (codes GUIDE.BAD_FIELDS, GUIDE.TOO_MANY_MATERIALS, GUIDE.BAD_LOCATION, GUIDE.BAD_CODE). */
export function checkEntry(code: string, f: GuideFields): { code: string; fields: GuideFields } {
  if (!GUIDE_CODE.test(code)) throw new DomainError(E.BAD_CODE, '事项编号无效')
  const t = (s: string) => s.trim()
  const fields: GuideFields = {
    title: t(f.title),
    category: t(f.category) || '其他',
    materials: f.materials.map(t).filter(Boolean),
    hall: {
      name: t(f.hall.name),
      address: t(f.hall.address),
      hours: t(f.hall.hours),
      latitude: f.hall.latitude,
      longitude: f.hall.longitude,
    },
    phone: t(f.phone),
    duration: t(f.duration),
    appointment: f.appointment,
    notes: t(f.notes),
  }
  const ok =
    within(fields.title, L.title) &&
    fields.category.length <= L.category &&
    within(fields.hall.name, L.hall) &&
    within(fields.hall.address, L.address) &&
    within(fields.hall.hours, L.hours) &&
    /^[0-9-]{3,20}$/.test(fields.phone) &&
    within(fields.duration, L.duration) &&
    fields.notes.length <= L.notes
  if (!ok) throw new DomainError(E.BAD_FIELDS, '请检查填写的内容')
  if (fields.materials.length > L.materials || fields.materials.some((m) => m.length > L.material))
    throw new DomainError(E.TOO_MANY_MATERIALS, '材料过多')
  const { latitude, longitude } = fields.hall
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) || (latitude === 0 && longitude === 0))
    throw new DomainError(E.BAD_LOCATION, '地图位置无效')
  return { code, fields }
}

/** The text content security reads for an entry. */
export const textOfEntry = (f: GuideFields): string =>
  [f.title, f.category, ...f.materials, f.hall.name, f.hall.address, f.hall.hours, f.duration, f.notes].join(
    '\n',
  )
