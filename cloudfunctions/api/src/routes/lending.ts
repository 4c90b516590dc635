import type { lendingActions } from '../../../../src/core/lending/api'
import { checkText, SecScene } from '../../../shared/content-security'
import { defineServerFeature } from '../../../shared/feature'
import { placeOf, type RoutesFor } from '../../../shared/kit'
import * as store from '../../../shared/repos/lending'
import * as donations from '../../../shared/repos/lending-donations'
import { lendingPrivacy } from '../../../shared/repos/lending-privacy'
import { callerOpenId } from '../../../shared/sdk'

const now = () => new Date()
/** Every text others read passes content security first: risky → CONTENT.RISKY, nothing stored. */
const secure = async (text: string) => {
  await checkText(callerOpenId(), text, SecScene.comment)
}

const routes: RoutesFor<typeof lendingActions> = {
  'lending.items': (input, ctx) => store.listItems(ctx.actor, input.communityId, input.cursor),
  'lending.item': (input, ctx) => store.getItem(ctx, input, now()),
  'lending.reserve': (input, ctx) => store.reserve(ctx, input.itemId, input.requestId, now()),
  'lending.cancel': (input, ctx) => store.cancel(ctx, input.holdId, input.reason, now()),
  'lending.renew': (input, ctx) => store.renewLoan(ctx, input.loanId, now()),
  'lending.mine': (input, ctx) => store.mine(ctx, input.cursor, now()),
  'lending.loan': (input, ctx) => store.getLoan(ctx, input.loanId, now()),
  'lending.save': (input, ctx) => {
    const place = placeOf(ctx).path
    return store.saveItem(
      ctx,
      input,
      { streetId: place.streetId, communityId: input.communityId },
      now(),
      secure,
    )
  },
  'lending.itemMove': (input, ctx) => store.itemMove(ctx, input, now()),
  'lending.label': (input, ctx) => store.label(ctx, input.itemId),
  'lending.pickup': (input, ctx) => store.pickupItem(ctx, input, now()),
  'lending.return': (input, ctx) => store.returnItem(ctx, input, now(), secure),
  'lending.lose': (input, ctx) => store.lose(ctx, input, now()),
  'lending.desk': (input, ctx) => store.deskList(ctx, input, now()),
  'lending.donate': (input, ctx) => donations.donate(ctx, input, now(), secure),
  'lending.donation': (input, ctx) => donations.getDonation(ctx, input.donationId, now()),
  'lending.donations': (input, ctx) => donations.listDonations(ctx, input, now()),
  'lending.decide': (input, ctx) => donations.decide(ctx, input, now(), secure),
}

/** 百宝屋: routes and the privacy contribution (my holds and loans; see repos/lending-privacy.ts). */
export const lendingServer = defineServerFeature({ name: 'lending', routes, privacy: lendingPrivacy })
