/**
 * The wish wall's part of me.data and me.delete (see privacy.ts).
 *
 * Shown (微心愿): wishes I posted (index `owner_created`) or claimed, alone or in a group
 * (`claimants_created`), counts and the newest.
 * Settled, through the wish's own moves: my wishes not yet claimed (待核实, 待认领) are withdrawn; a
 * wish I claimed and have not fulfilled is released back to the wall (its owner told).
 * Anonymised, on the wishes the community keeps (fulfilled wishes are its record, their points paid):
 * as owner, my name becomes the placeholder and my home is unlinked (`path.householdId`); as a
 * claimant or group member, my name becomes the placeholder. A story that named me by my surname
 * (王**) names 一位居民 instead.
 */
import { MY_DATA_RECENT, type MyData, type MyWishLine } from '../../../src/core/me/api'
import { ERASED_NAME } from '../../../src/core/me/erase'
import { WishStatusLabel, type WishRecord } from '../../../src/core/wishes/model'
import type { CallContext } from '../kit'
import { definePrivacy, ERASE_BATCH, iso, recent, rewrite, settleOne } from '../privacy'
import { db } from '../sdk'
import { WISHES } from './wishes-base'
import { move } from './wishes-moves'

async function myWishes(userId: string): Promise<Pick<MyData, 'wishes'>> {
  const [posted, claimed] = await Promise.all([
    recent<WishRecord>(WISHES, { ownerId: userId }, 'createdAt'),
    recent<WishRecord>(WISHES, { claimantIds: userId }, 'createdAt'),
  ])
  const lineOf = (w: WishRecord, role: MyWishLine['role']): MyWishLine => ({
    wishId: w._id,
    title: w.title,
    status: w.status,
    statusLabel: WishStatusLabel[w.status] ?? '',
    role,
    createdAt: iso(w.createdAt) ?? '',
  })
  const lines = [
    ...posted.rows.map((w) => lineOf(w, 'owner')),
    ...claimed.rows.map((w) => lineOf(w, 'claimant')),
  ]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.wishId.localeCompare(a.wishId))
    .slice(0, MY_DATA_RECENT)
  return { wishes: { count: posted.count + claimed.count, lines } }
}

async function settleWishes(ctx: CallContext, now: Date): Promise<void> {
  const _ = db().command
  const userId = ctx.actor.userId
  const [mine, held] = await Promise.all([
    db()
      .collection(WISHES)
      .where({ ownerId: userId, status: _.in(['pending', 'published']) })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
    db()
      .collection(WISHES)
      .where({ 'claim.by': userId, status: 'claimed' })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
  ])
  for (const { _id } of mine.data as { _id: string }[])
    await settleOne('wish withdraw', _id, () =>
      move(ctx, { wishId: _id, move: 'withdraw' }, now, async () => {}),
    )
  for (const { _id } of held.data as { _id: string }[])
    await settleOne('wish release', _id, () =>
      move(ctx, { wishId: _id, move: 'release' }, now, async () => {}),
    )
}

async function anonymiseWishes(userId: string): Promise<boolean> {
  const _ = db().command
  const [owned, claimed] = await Promise.all([
    db()
      .collection(WISHES)
      .where({ ownerId: userId, ownerName: _.neq(ERASED_NAME) })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
    db()
      .collection(WISHES)
      .where({ claimantIds: userId, erasedClaimants: _.neq(userId) })
      .field({ _id: true })
      .limit(ERASE_BATCH)
      .get(),
  ])
  for (const { _id } of owned.data as { _id: string }[]) {
    await rewrite<WishRecord>(WISHES, _id, (w) =>
      w.ownerId === userId && w.ownerName !== ERASED_NAME
        ? {
            ownerName: ERASED_NAME,
            path: { ...w.path, householdId: null },
            ...(w.story ? { story: { ...w.story, residentShown: '一位居民' } } : {}),
          }
        : null,
    )
  }
  for (const { _id } of claimed.data as { _id: string }[]) {
    await rewrite<WishRecord & { erasedClaimants?: string[] }>(WISHES, _id, (w) => {
      const erased = w.erasedClaimants ?? []
      if (!w.claim || erased.includes(userId)) return null
      const c = w.claim
      return {
        claim: {
          ...c,
          byName: c.by === userId ? ERASED_NAME : c.byName,
          group: c.group
            ? {
                ...c.group,
                members: c.group.members.map((m) => (m.userId === userId ? { ...m, name: ERASED_NAME } : m)),
              }
            : null,
        },
        erasedClaimants: [...erased, userId],
      }
    })
  }
  return owned.data.length === ERASE_BATCH || claimed.data.length === ERASE_BATCH
}

export const wishesPrivacy = definePrivacy({
  feature: 'wishes',
  sections: ['wishes'],
  data: async (actor) => myWishes(actor.userId),
  settle: settleWishes,
  anonymise: anonymiseWishes,
})
