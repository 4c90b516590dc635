/**
 * Donations to the 百宝屋: a resident offers a tool (text and photos; the text passes content
 * security, staff are the check of the photos); staff accept it into the inventory — the item made
 * through the inventory's own factory and the donor's points paid through the ledger (cause
 * `donation:<id>`, once) in ONE transaction with the decision — or decline it with a reason.
 */
import { entryOf } from '../../../src/core/effects'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { DonationPage, DonationView } from '../../../src/core/lending/api'
import { moveDonation } from '../../../src/core/lending/decide'
import { donationEffects } from '../../../src/core/lending/effects'
import { LendingErrors } from '../../../src/core/lending/errors'
import { DEFAULTS, LIMITS, type DonationRecord } from '../../../src/core/lending/model'
import {
  checkPhotos,
  checkRange,
  cleanText,
  communityFor,
  isLendingStaff,
} from '../../../src/core/lending/rules'
import { homeOf } from '../../../src/core/access'
import { Causes, issuanceAccount, personAccount } from '../../../src/core/points/model'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { nudge } from '../outbox'
import { decideAndRun, runPlan } from '../runner'
import { logAccess } from './access-log'
import { withoutId } from './docs'
import { pageAfter } from './paging'
import { DONATIONS, donationViewOf, ITEMS, loadDonation, logNames, nameOf, PAGE } from './lending-base'
import { newItem } from './lending-inventory'

/** lending.donate: a resident offers a tool; the community's admins are told. Idempotent on requestId. */
export async function donate(
  ctx: CallContext,
  input: { text: string; photos: readonly string[]; requestId: string },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<DonationView> {
  const { actor } = ctx
  const earlier = await byRequest<DonationRecord>(DONATIONS, {
    donorId: actor.userId,
    requestId: input.requestId,
  })
  if (earlier) return donationViewOf(actor, earlier)
  const home = homeOf(actor)
  if (!home?.communityId) throw new DomainError(LendingErrors.NO_HOUSEHOLD, '请先加入网格')
  const text = cleanText(input.text, LIMITS.donation, true, '捐赠物品说明')
  const photos = checkPhotos(input.photos, actor.userId, input.requestId, LIMITS.donationPhotos)
  await check(text)
  const d: DonationRecord = {
    _id: newId('ld'),
    communityId: home.communityId,
    path: { streetId: home.streetId, communityId: home.communityId },
    donorId: actor.userId,
    donorName: nameOf(ctx),
    text,
    photos,
    status: 'offered',
    reason: null,
    itemId: null,
    points: 0,
    requestId: input.requestId,
    decidedBy: null,
    decidedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }
  const entry = entryOf('offer', now, donationEffects(d, 'offer', now))
  try {
    await runPlan(
      {
        writes: [{ op: 'create', collection: DONATIONS, id: d._id, doc: withoutId(d) }],
        ...(entry ? { outbox: { on: { collection: DONATIONS, id: d._id }, entry } } : {}),
      },
      now,
    )
  } catch (err) {
    const twin = isDuplicateKey(err)
      ? await byRequest<DonationRecord>(DONATIONS, { donorId: actor.userId, requestId: input.requestId })
      : null
    if (!twin) throw err
    return donationViewOf(actor, twin)
  }
  await nudge(DONATIONS, d._id, now)
  return donationViewOf(actor, d)
}

/** lending.donation: its donor, or staff of its community (the read of the donor's name logged). */
export async function getDonation(ctx: CallContext, donationId: string, now: Date): Promise<DonationView> {
  const d = await loadDonation(donationId)
  const staff = isLendingStaff(ctx.actor, d.communityId)
  if (d.donorId !== ctx.actor.userId && !staff)
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '捐赠记录不存在')
  if (d.donorId !== ctx.actor.userId)
    await logAccess({
      actorId: ctx.actor.userId,
      action: 'lending.donation',
      subject: d._id,
      people: [d.donorId],
      allowed: true,
      requestId: ctx.requestId,
      at: now,
    })
  return donationViewOf(ctx.actor, d)
}

/** lending.donations: staff, the community's offers waiting (oldest first); `mine`: my donations, newest first. */
export async function listDonations(
  ctx: CallContext,
  input: { communityId?: string; mine?: boolean; cursor?: string },
  now: Date,
): Promise<DonationPage> {
  if (input.mine) {
    const mine = await pageAfter<DonationRecord>(
      DONATIONS,
      { donorId: ctx.actor.userId },
      { field: 'createdAt', dir: 'desc' },
      input.cursor,
      PAGE,
    )
    return { donations: mine.rows.map((d) => donationViewOf(ctx.actor, d)), cursor: mine.cursor }
  }
  const communityId = communityFor(ctx.actor, input.communityId)
  if (!isLendingStaff(ctx.actor, communityId)) throw new DomainError(CommonErrorCodes.FORBIDDEN, '您无权查看')
  const page = await pageAfter<DonationRecord>(
    DONATIONS,
    { communityId, status: 'offered' },
    { field: 'createdAt', dir: 'asc' },
    input.cursor,
    PAGE,
  )
  await logNames(
    ctx,
    'lending.donations',
    communityId,
    page.rows.map((d) => d.donorId),
    now,
  )
  return { donations: page.rows.map((d) => donationViewOf(ctx.actor, d)), cursor: page.cursor }
}

/**
 * lending.decide: accept (the item made in the inventory, the donor's points paid once, in one
 * transaction with the decision) or decline with a reason. A repeated decision answers the first.
 */
export async function decide(
  ctx: CallContext,
  input: {
    donationId: string
    accept: boolean
    reason?: string
    points?: number
    name?: string
    location?: string
  },
  now: Date,
  check: (text: string) => Promise<void>,
): Promise<DonationView> {
  const { actor } = ctx
  const d0 = await loadDonation(input.donationId)
  if (!isLendingStaff(actor, d0.communityId))
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '捐赠记录不存在')
  if (d0.status === (input.accept ? 'accepted' : 'declined')) return donationViewOf(actor, d0)
  const reason = cleanText(input.reason, LIMITS.reason, !input.accept, '原因') || null
  const points = input.accept
    ? checkRange(input.points ?? DEFAULTS.donationPoints, 0, LIMITS.donationPoints.max)
    : 0
  const name = input.accept ? cleanText(input.name, LIMITS.name, true, '物品名称') : ''
  const location = input.accept ? cleanText(input.location, LIMITS.location, true, '存放位置') : ''
  if (reason || name) await check([reason, name, location].filter(Boolean).join('\n'))
  const next = await decideAndRun(
    () => loadDonation(input.donationId),
    (d) => {
      const item = input.accept
        ? newItem(
            {
              name,
              location,
              accessories: [],
              // The donor's first photo becomes the item's (staff looked at it).
              photo: d.photos[0] ?? null,
              periodDays: DEFAULTS.periodDays,
              pickupDays: DEFAULTS.pickupDays,
              pledgePoints: 0,
              keeperId: null,
              keeperName: null,
              condition: 'good',
            },
            d.path,
            actor.userId,
            `don-${d._id}`.slice(0, 64),
            now,
            d._id,
          )
        : null
      const moved = moveDonation(d, input.accept ? 'accept' : 'decline', ['staff'], actor.userId, now, {
        reason,
        itemId: item?._id ?? null,
        points,
      })
      const entry = entryOf(
        moved.status,
        now,
        donationEffects(moved, input.accept ? 'accept' : 'decline', now),
      )
      const { _id, outbox: _o, outboxAt: _a, ...set } = moved
      return {
        plan: {
          writes: [
            {
              op: 'update',
              collection: DONATIONS,
              id: d._id,
              if: { version: d.version, status: 'offered' },
              set,
            },
            ...(item
              ? [{ op: 'create' as const, collection: ITEMS, id: item._id, doc: withoutId(item) }]
              : []),
          ],
          transfers:
            input.accept && points > 0
              ? [
                  {
                    cause: Causes.donation(d._id),
                    from: issuanceAccount(d.communityId),
                    to: personAccount(d.donorId),
                    amount: points,
                    reason: `捐赠工具：${name}`,
                    communityId: d.communityId,
                    by: actor.userId,
                  },
                ]
              : [],
          ...(entry ? { outbox: { on: { collection: DONATIONS, id: d._id }, entry } } : {}),
        },
        result: moved,
      }
    },
    now,
  )
  return donationViewOf(actor, next)
}
