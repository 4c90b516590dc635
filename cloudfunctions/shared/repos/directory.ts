import { grantsWithin, holdsWithin, homeOf } from '../../../src/core/access'
import type { Contact, GridCard } from '../../../src/core/directory/api'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { UserRecord } from '../../../src/core/me/model'
import type { Community, Grid, Household } from '../../../src/core/org/model'
import { maskPhone } from '../../../src/core/privacy/mask'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
import { logAccess } from './access-log'
import { getDoc, namesByIds } from './docs'

/** Grid-wide contacts that are not app users (片区民警, 家庭医生), kept on the grid document. */
interface GridContacts {
  readonly police?: { readonly name: string; readonly phone: string }
  readonly doctor?: { readonly name: string; readonly phone: string }
}
type GridDoc = Grid & { readonly contacts?: GridContacts }

/** Users as the directory stores them: phone and helper settings beside the core record. */
type DirectoryUser = UserRecord & {
  readonly phone?: string | null
  readonly helper?: {
    readonly partyMember?: boolean
    readonly showParty?: boolean
    readonly skills?: readonly string[]
  }
}

export const DirectoryErrors = {
  NOT_IN_GRID: 'DIRECTORY.NOT_IN_GRID',
} as const

/** The caller's grid, from the user record identify already read (`ctx.user`). */
async function myGrid(user: UserRecord): Promise<GridDoc> {
  const household = user.householdId ? await getDoc<Household>('households', user.householdId) : null
  const grid = household ? await getDoc<GridDoc>('grids', household.gridId) : null
  if (!grid) throw new DomainError(DirectoryErrors.NOT_IN_GRID, '请先加入网格')
  return grid
}

interface Entry {
  readonly contact: Contact
  readonly phone: string | null
}

/** Everyone on the grid's card, with their full numbers (server side only). */
async function entries(grid: GridDoc): Promise<Entry[]> {
  const _ = db().command
  const res = await db()
    .collection('users')
    .where({
      grants: _.elemMatch({
        'scope.gridId': grid._id,
        role: _.in(['grid_worker', 'building_leader', 'helper']),
      }),
    })
    .limit(200)
    .get()
  const people = res.data as DirectoryUser[]
  const buildingName = await namesByIds(
    'buildings',
    people.flatMap((p) => p.grants.map((g) => g.scope.buildingId).filter((b): b is string => !!b)),
  )
  const out: Entry[] = []
  const add = (
    id: string,
    kind: Contact['kind'],
    name: string,
    phone: string | null | undefined,
    buildingId?: string,
    skills: readonly string[] = [],
  ) =>
    out.push({
      contact: {
        contactId: id,
        kind,
        name,
        buildingName: buildingId ? (buildingName.get(buildingId) ?? null) : null,
        maskedPhone: phone ? maskPhone(phone) : null,
        skills,
      },
      phone: phone ?? null,
    })
  for (const p of people) {
    if (holdsWithin(p, 'grid_worker', { gridId: grid._id }))
      add(`user:${p._id}:grid_worker`, 'grid_worker', p.displayName, p.phone)
  }
  if (grid.contacts?.police)
    add(`grid:${grid._id}:police`, 'police', grid.contacts.police.name, grid.contacts.police.phone)
  if (grid.contacts?.doctor)
    add(`grid:${grid._id}:doctor`, 'doctor', grid.contacts.doctor.name, grid.contacts.doctor.phone)
  for (const p of people) {
    const lead = grantsWithin(p, 'building_leader', { gridId: grid._id })[0]
    if (lead)
      add(`user:${p._id}:building_leader`, 'building_leader', p.displayName, p.phone, lead.scope.buildingId)
  }
  for (const p of people) {
    if (!holdsWithin(p, 'helper', { gridId: grid._id })) continue
    const home = homeOf(p)?.buildingId
    const party = p.helper?.partyMember === true && p.helper.showParty === true
    add(
      `user:${p._id}:helper`,
      party ? 'party_member' : 'volunteer',
      p.displayName,
      p.phone,
      home,
      p.helper?.skills ?? [],
    )
  }
  return out
}

/** directory.card */
export async function card(user: UserRecord): Promise<GridCard> {
  const grid = await myGrid(user)
  const community = await getDoc<Community>('communities', grid.communityId)
  return {
    gridId: grid._id,
    gridName: grid.name,
    communityName: community?.name ?? '',
    contacts: (await entries(grid)).map((e) => e.contact),
  }
}

/** directory.call: the full number of one contact on the caller's own grid card, logged. */
export async function reveal(
  actor: Actor,
  user: UserRecord,
  contactId: string,
  requestId: string,
  now: Date,
): Promise<{ phone: string }> {
  const grid = await myGrid(user)
  const phone = (await entries(grid)).find((e) => e.contact.contactId === contactId)?.phone ?? null
  // Every attempt is logged, allowed or not.
  const person = /^user:([^:]+):/.exec(contactId)?.[1]
  await logAccess({
    actorId: actor.userId,
    action: 'directory.call',
    subject: contactId,
    people: phone !== null && person ? [person] : [],
    allowed: phone !== null,
    requestId,
    at: now,
  })
  if (phone === null) {
    if (!(await contactExists(contactId)))
      throw new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到这个联系人')
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能拨打本网格服务卡上的电话')
  }
  return { phone }
}

/** Does a contact id name a person or a grid that exists (on some card, if not on mine)? */
async function contactExists(contactId: string): Promise<boolean> {
  const m = /^(user|grid):([^:]+):[a-z_]+$/.exec(contactId)
  if (!m) return false
  return (await getDoc(m[1] === 'user' ? 'users' : 'grids', m[2] as string)) !== null
}
