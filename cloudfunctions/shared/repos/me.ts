import { inTransaction, type Tx } from '../tx'
import { holdsOver, principalRole } from '../../../src/core/access'
import type { MyData, Profile } from '../../../src/core/me/api'
import { ErrandTypeLabel, type ErrandRecord } from '../../../src/core/errands/model'
import {
  helperAfterUpdate,
  helperProfileOf,
  MAX_THANKS_SHOWN,
  type HelperProfile,
  type HelperProfileView,
} from '../../../src/core/me/helper'
import { DEFAULT_DISPLAY_NAME, type UserRecord } from '../../../src/core/me/model'
import { grantsAfterErasure } from '../../../src/core/me/erase'
import { accessActionLabel, viewerText } from '../../../src/core/privacy/access-log'
import { requesterNameFor } from '../../../src/core/errands/view'
import type { Actor, Role, RoleGrant } from '../../../src/core/roles'
import type { CallContext } from '../kit'
import {
  collectData,
  definePrivacy,
  eraseContributions,
  iso,
  type MyDataSection,
  type PrivacyContribution,
} from '../privacy'
import { db } from '../sdk'
import { firstDoc } from './docs'
import { householdSummary } from './org'

/**
 * Every section of me.data, each filled by exactly one feature's privacy contribution
 * (`repos/<feature>-privacy.ts`; this file's own is `mePrivacy`). A section added to `MyData` and
 * left out here fails to typecheck; one nobody fills fails `checkOwnership` in the api's module.
 */
export const MY_DATA_SECTIONS = [
  'user',
  'household',
  'joins',
  'helper',
  'accessLog',
  'points',
  'signups',
  'hours',
  'vouchers',
  'reports',
  'errands',
  'wishes',
  'noticeReads',
  'lending',
] as const satisfies readonly MyDataSection[]
type Missing = Exclude<MyDataSection, (typeof MY_DATA_SECTIONS)[number]>
const allSections: Missing extends never ? true : Missing = true
void allSections

/** How others reach my personal data: the directory's contact ids for me (repos/directory.ts). */
function subjectsOf(userId: string): string[] {
  return [
    userId,
    ...(['grid_worker', 'building_leader', 'helper'] as Role[]).map((r) => `user:${userId}:${r}`),
  ]
}

/** Who read my personal data (access_logs), newest 100, in words a resident understands. */
async function myAccessLog(userId: string): Promise<MyData['accessLog']> {
  const _ = db().command
  const logs = (
    await db()
      .collection('access_logs')
      .where(_.or([{ subject: _.in(subjectsOf(userId)) }, { people: userId }]))
      .orderBy('at', 'desc')
      .limit(100)
      .get()
  ).data as { actorId: string; action: string; subject: string; allowed: boolean; at: Date }[]
  const actors = await viewers(logs.map((l) => l.actorId))
  return logs.map((l) => {
    const card = /^user:[^:]+:(\w+)$/.exec(l.subject)?.[1] as Role | undefined
    const actor = actors.get(l.actorId)
    return {
      at: iso(l.at) ?? '',
      who: viewerText(actor?.displayName ?? '', actor ? principalRole(actor.grants ?? []) : null, card),
      action: accessActionLabel(l.action),
      allowed: l.allowed,
    }
  })
}

/** The person's own record: who they are, their household, helper profile and who read their data. */
export const mePrivacy = definePrivacy({
  feature: 'me',
  sections: ['user', 'household', 'helper', 'accessLog'],
  data: async (actor, user) => {
    const [household, accessLog] = await Promise.all([
      user.householdId ? householdSummary(user.householdId) : Promise.resolve(null),
      myAccessLog(actor.userId),
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
      helper: holdsOver(user, 'helper') || user.helper ? helperProfileOf(user.helper) : null,
      accessLog,
    }
  },
})

/** me.data: everything stored about the caller, read by the caller (PIPL art. 45), from every feature at once. */
export async function myData(
  contributions: readonly PrivacyContribution[],
  actor: Actor,
  user: UserRecord,
): Promise<MyData> {
  const data = await collectData(contributions, actor, user)
  const missing = MY_DATA_SECTIONS.filter((s) => !(s in data))
  if (missing.length) throw new Error(`me.data: no feature filled ${missing.join(', ')}`)
  return data as MyData
}

/** The viewers of my data: their names and grants (for the role they are known by). */
async function viewers(
  ids: readonly string[],
): Promise<Map<string, { displayName: string; grants?: RoleGrant[] }>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const res = await db()
    .collection('users')
    .where({ _id: db().command.in(unique) })
    .field({ displayName: true, grants: true })
    .limit(unique.length)
    .get()
  return new Map(
    (res.data as { _id: string; displayName: string; grants?: RoleGrant[] }[]).map((u) => [u._id, u]),
  )
}

/**
 * me.delete: erase the caller's personal data; afterwards the app treats them as a newcomer.
 *
 * Each feature's part is written, with its reasons, next to its store in
 * `repos/<feature>-privacy.ts`: joins, activities, market, errands and orders. `eraseContributions`
 * runs them in steps ordered so that a crash part-way leaves nothing half-visible: every feature
 * settles what is pending while the caller still acts as its party, then anonymises what the
 * community keeps, then forgets what is kept for nobody. Every step is idempotent, so a second call
 * continues and changes nothing already done.
 *
 * Then this erases the user record: real and display name, phone, household membership (link and
 * resident grant), the helper profile and grant (skills, party membership — sensitive personal
 * information — and their place on the public service card) and the pointer to their latest
 * request. Kept, because the law or accountability needs them, and none names the person any more:
 * - the user document itself (an internal id and the OPENID, which the platform gives us on every
 *   call anyway) so staff positions (grid worker, building leader, admin: core/me/erase.ts) and the
 *   decisions taken in them stay attributable; ending those is the granting staff's act;
 * - access logs (who read whose personal data): 《网络安全法》 art. 21 requires logs to be kept for
 *   at least six months, and they protect the person themselves.
 */
export async function eraseMe(
  contributions: readonly PrivacyContribution[],
  ctx: CallContext,
  now: Date,
): Promise<Profile> {
  const { actor } = ctx
  const _ = db().command
  await eraseContributions(contributions, ctx, now)
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
  return {
    userId: user._id,
    displayName: DEFAULT_DISPLAY_NAME,
    roles: user.grants,
    household: null,
    created: false,
  }
}

/** helper.profile: the profile and the latest thank-you notes (index errands.thanked: helperId + thankedAt). */
export async function helperProfile(actor: Actor, user: UserRecord): Promise<HelperProfileView> {
  const _ = db().command
  const thanked = await db()
    .collection('errands')
    .where({ helperId: actor.userId, thankedAt: _.gt(new Date(0)) })
    .orderBy('thankedAt', 'desc')
    .limit(MAX_THANKS_SHOWN)
    .field({ requesterName: true, requesterErased: true, type: true, thanks: true, thankedAt: true })
    .get()
  const notes = (
    thanked.data as Pick<
      ErrandRecord,
      '_id' | 'requesterName' | 'requesterErased' | 'type' | 'thanks' | 'thankedAt'
    >[]
  ).filter((e) => e.thanks)
  return {
    ...helperProfileOf(user.helper),
    thanks: notes.map((e) => ({
      errandId: e._id,
      at: iso(e.thankedAt) ?? '',
      // A list never shows another person's name whole (core/errands/view.ts); an erased
      // requester's placeholder names nobody and is shown as is.
      from: requesterNameFor(e, { fullName: false }) || '邻居',
      typeLabel: ErrandTypeLabel[e.type] ?? '',
      note: e.thanks ?? '',
    })),
  }
}

/**
 * helper.update: skills and "show my party membership". `partyMember` is staff's (role grants) and
 * is read, never written, here; the transaction keeps a concurrent staff change from being undone.
 */
export async function updateHelper(
  actor: Actor,
  input: { skills: readonly string[]; showParty: boolean; notifyErrands?: boolean },
): Promise<HelperProfile> {
  return inTransaction(async (tx: Tx) => {
    const user = firstDoc<UserRecord>((await tx.collection('users').doc(actor.userId).get()).data)
    if (!user) throw new Error(`identified user ${actor.userId} vanished`)
    const next = helperAfterUpdate(user.helper, input)
    await tx
      .collection('users')
      .doc(actor.userId)
      .update({
        'helper.showParty': next.showParty,
        'helper.skills': next.skills,
        ...(input.notifyErrands === undefined ? {} : { 'helper.notifyErrands': next.notifyErrands }),
      })
    return next
  })
}
