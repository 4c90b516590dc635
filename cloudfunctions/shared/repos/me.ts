import type { MyData, Profile } from '../../../src/core/me/api'
import { AccessActionLabel } from '../../../src/core/privacy/access-log'
import { ErrandTypeLabel, type ErrandRecord } from '../../../src/core/errands/model'
import { helperAfterUpdate, helperProfileOf, MAX_THANKS_SHOWN, type HelperProfile, type HelperProfileView } from '../../../src/core/me/helper'
import { DEFAULT_DISPLAY_NAME, type UserRecord } from '../../../src/core/me/model'
import type { JoinRecord } from '../../../src/core/join/model'
import { grantsAfterErasure } from '../../../src/core/me/erase'
import { maskName } from '../../../src/core/privacy/mask'
import { RoleLabel, type Actor, type Role } from '../../../src/core/roles'
import { eraseNotificationsOf, type Tx } from '../notify'
import { db } from '../sdk'
import { firstDoc, getDoc, namesByIds } from './docs'
import { inTransaction } from './join'
import { householdSummary } from './org'

const JOINS = 'join_requests'
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/** How others reach my personal data: the directory's contact ids for me (repos/directory.ts). */
function subjectsOf(userId: string): string[] {
  return [userId, ...(['grid_worker', 'building_leader', 'helper'] as Role[]).map((r) => `user:${userId}:${r}`)]
}

/** me.data: everything stored about the caller, read by the caller (PIPL art. 45). */
export async function myData(actor: Actor): Promise<MyData> {
  const _ = db().command
  const user = await getDoc<UserRecord>('users', actor.userId)
  if (!user) throw new Error(`identified user ${actor.userId} vanished`)
  const [household, joinsRes, logsRes] = await Promise.all([
    user.householdId ? householdSummary(user.householdId) : Promise.resolve(null),
    db().collection(JOINS).where({ userId: actor.userId }).orderBy('createdAt', 'desc').limit(50).get(),
    db()
      .collection('access_logs')
      .where(_.or([{ subject: _.in(subjectsOf(actor.userId)) }, { people: actor.userId }]))
      .orderBy('at', 'desc')
      .limit(100)
      .get(),
  ])
  const joins = joinsRes.data as JoinRecord[]
  const logs = logsRes.data as { actorId: string; action: string; subject: string; allowed: boolean; at: Date }[]
  const [gridName, buildingName, unitName, actorName] = await Promise.all([
    namesByIds('grids', joins.map((j) => j.path.gridId)),
    namesByIds('buildings', joins.map((j) => j.path.buildingId)),
    namesByIds('units', joins.map((j) => j.path.unitId)),
    displayNames(logs.map((l) => l.actorId)),
  ])
  return {
    user: {
      displayName: user.displayName,
      realName: user.realName ?? null,
      phone: user.phone ?? null,
      roles: user.grants,
      createdAt: iso(user.createdAt) ?? '',
    },
    household,
    joins: joins.map((j) => ({
      joinId: j._id,
      status: j.status,
      place: `${gridName.get(j.path.gridId) ?? ''} ${buildingName.get(j.path.buildingId) ?? ''}${unitName.get(j.path.unitId) ?? ''}`.trim(),
      room: j.room,
      name: j.name,
      phone: j.phone,
      via: j.via,
      move: Boolean(j.moveFrom),
      reason: j.reason,
      createdAt: iso(j.createdAt) ?? '',
      decidedAt: iso(j.decidedAt),
    })),
    helper: user.grants.some((g) => g.role === 'helper') || user.helper ? helperProfileOf(user.helper) : null,
    accessLog: logs.map((l) => {
      const role = /^user:[^:]+:(\w+)$/.exec(l.subject)?.[1] as Role | undefined
      const who = maskName(actorName.get(l.actorId) ?? '') || '某用户'
      return {
        at: iso(l.at) ?? '',
        who: role ? `${who}（通过${RoleLabel[role] ?? ''}服务卡）` : who,
        action: AccessActionLabel[l.action] ?? l.action,
        allowed: l.allowed,
      }
    }),
  }
}

async function displayNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const res = await db().collection('users').where({ _id: db().command.in(unique) }).field({ displayName: true }).limit(unique.length).get()
  return new Map((res.data as { _id: string; displayName: string }[]).map((u) => [u._id, u.displayName]))
}

/**
 * me.delete: erase the caller's personal data; afterwards the app treats them as a newcomer.
 *
 * Erased: real and display name, phone, household membership (link and resident grant), the helper
 * profile and grant (skills, party membership — sensitive personal information — and their place on
 * the public service card), the pointer to their latest request; pending requests are cancelled; every join request loses name and phone (`erased: true`)
 * and the subscribe messages that carried them lose their contents.
 *
 * Kept, because the law or accountability needs them, and none names the person any more:
 * - the user document itself (an internal id and the OPENID, which the platform gives us on every
 *   call anyway) so staff positions (grid worker, building leader, admin: core/me/erase.ts) and the
 *   decisions taken in them stay attributable; ending those is the granting staff's act;
 * - anonymised join requests (place, status, which staff member decided and when): the
 *   community's accountability trail for admissions;
 * - access logs (who read whose personal data): 《网络安全法》 art. 21 requires logs to be kept for
 *   at least six months, and they protect the person themselves.
 *
 * Steps are idempotent and ordered so that a crash part-way leaves nothing half-visible: cancel
 * pending requests first (a decider can no longer admit them), then anonymise, then the user.
 */
export async function eraseMe(actor: Actor, now: Date): Promise<Profile> {
  const _ = db().command
  const joins = db().collection(JOINS)
  await joins.where({ userId: actor.userId, status: 'pending' }).update({ status: 'cancelled', decidedBy: actor.userId, decidedAt: now })
  const ids = (await joins.where({ userId: actor.userId }).field({ _id: true }).limit(1000).get()).data as { _id: string }[]
  await joins.where({ userId: actor.userId }).update({ name: '', phone: null, erased: true })
  await eraseNotificationsOf(
    ids.map((j) => j._id),
    now,
  )
  const user = await inTransaction(async (tx: Tx) => {
    const current = firstDoc<UserRecord>((await tx.collection('users').doc(actor.userId).get()).data)
    if (!current) throw new Error(`identified user ${actor.userId} vanished`)
    const grants = grantsAfterErasure(current.grants)
    await tx.collection('users').doc(actor.userId).update({
      displayName: DEFAULT_DISPLAY_NAME,
      grants,
      realName: _.remove(),
      phone: _.remove(),
      householdId: _.remove(),
      helper: _.remove(),
      lastJoinId: _.remove(),
      erasedAt: now,
    })
    return { ...current, grants }
  })
  return { userId: user._id, displayName: DEFAULT_DISPLAY_NAME, roles: user.grants, household: null, created: false }
}

/** helper.profile: the profile and the latest thank-you notes (index errands.thanked: helperId + thankedAt). */
export async function helperProfile(actor: Actor): Promise<HelperProfileView> {
  const _ = db().command
  const [user, thanked] = await Promise.all([
    getDoc<UserRecord>('users', actor.userId),
    db()
      .collection('errands')
      .where({ helperId: actor.userId, thankedAt: _.gt(new Date(0)) })
      .orderBy('thankedAt', 'desc')
      .limit(MAX_THANKS_SHOWN)
      .field({ requesterName: true, type: true, thanks: true, thankedAt: true })
      .get(),
  ])
  const notes = (thanked.data as Pick<ErrandRecord, '_id' | 'requesterName' | 'type' | 'thanks' | 'thankedAt'>[]).filter((e) => e.thanks)
  return {
    ...helperProfileOf(user?.helper),
    thanks: notes.map((e) => ({
      errandId: e._id,
      at: iso(e.thankedAt) ?? '',
      from: maskName(e.requesterName) || '邻居',
      typeLabel: ErrandTypeLabel[e.type] ?? '',
      note: e.thanks ?? '',
    })),
  }
}

/**
 * helper.update: skills and "show my party membership". `partyMember` is staff's (role grants) and
 * is read, never written, here; the transaction keeps a concurrent staff change from being undone.
 */
export async function updateHelper(actor: Actor, input: { skills: readonly string[]; showParty: boolean; notifyErrands?: boolean }): Promise<HelperProfile> {
  return inTransaction(async (tx: Tx) => {
    const user = firstDoc<UserRecord>((await tx.collection('users').doc(actor.userId).get()).data)
    if (!user) throw new Error(`identified user ${actor.userId} vanished`)
    const next = helperAfterUpdate(user.helper, input)
    await tx.collection('users').doc(actor.userId).update({
      'helper.showParty': next.showParty,
      'helper.skills': next.skills,
      ...(input.notifyErrands === undefined ? {} : { 'helper.notifyErrands': next.notifyErrands }),
    })
    return next
  })
}
