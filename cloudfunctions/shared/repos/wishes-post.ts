/** Posting a wish: a resident for their grid, or staff for a family of it. */
import { homeOf } from '../../../src/core/access'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Grid } from '../../../src/core/org/model'
import type { WishDetail } from '../../../src/core/wishes/api'
import { checkOnBehalf, checkWishText } from '../../../src/core/wishes/checks'
import { newWish } from '../../../src/core/wishes/decide'
import { WishErrors } from '../../../src/core/wishes/errors'
import type { WishKind, WishRecord } from '../../../src/core/wishes/model'
import { isWishStaff } from '../../../src/core/wishes/view'
import { byRequest, isDuplicateKey, newId } from '../ids'
import type { CallContext } from '../kit'
import { nudge } from '../outbox'
import { runPlan } from '../runner'
import { getDoc, withoutId } from './docs'
import { detailOf, nameOf, WISHES, forbidden, checkWishPhotos, photosStored, type Check } from './wishes-base'

/**
 * wish.post: a resident for their grid, or staff over `gridId` for a family (`onBehalf`). Idempotent
 * on (poster, requestId). Every check before the content check; nothing stored on a refusal.
 */
export async function post(
  ctx: CallContext,
  input: {
    requestId: string
    kind: WishKind
    title: string
    text: string
    photos: readonly string[]
    gridId?: string
    onBehalf?: { name: string; phone?: string; address: string }
  },
  now: Date,
  check: Check,
): Promise<WishDetail> {
  const { actor } = ctx
  const stored = () => byRequest<WishRecord>(WISHES, { postedBy: actor.userId, requestId: input.requestId })
  const earlier = await stored()
  if (earlier) return detailOf(ctx, earlier, 'wish.post', now, true)
  let path: WishRecord['path']
  let onBehalf = null
  // A grid named must exist (an unknown one is not found, whoever asks).
  const grid = input.gridId ? await getDoc<Grid>('grids', input.gridId) : null
  if (input.gridId && !grid) throw new DomainError(CommonErrorCodes.NOT_FOUND, '网格不存在')
  if (input.onBehalf) {
    if (!input.gridId || !grid) throw new DomainError(WishErrors.NO_HOUSEHOLD, '请选择这户人家所在的网格')
    path = { streetId: grid.streetId, communityId: grid.communityId, gridId: input.gridId }
    if (!isWishStaff(actor, { path })) throw forbidden('只能为本网格的居民代发心愿')
    onBehalf = checkOnBehalf(input.onBehalf)
  } else {
    const home = homeOf(actor)
    if (!home?.gridId || !home.communityId)
      throw new DomainError(WishErrors.NO_HOUSEHOLD, '请先加入网格再许心愿')
    if (input.gridId && input.gridId !== home.gridId) throw forbidden('只能在自己的网格许心愿')
    path = {
      streetId: home.streetId,
      communityId: home.communityId,
      gridId: home.gridId,
      ...(home.buildingId ? { buildingId: home.buildingId } : {}),
      ...(home.householdId ? { householdId: home.householdId } : {}),
    }
  }
  const { title, text } = checkWishText(input)
  checkWishPhotos(input.photos, actor.userId, input.requestId)
  await check(`${title}\n${text}`)
  await photosStored(input.photos)
  const me = { userId: actor.userId, name: nameOf(ctx) }
  const wish = newWish({
    id: newId('ws'),
    requestId: input.requestId,
    kind: input.kind,
    postedBy: me,
    owner: onBehalf ? null : me,
    onBehalf,
    path,
    title,
    text,
    photos: input.photos,
    now,
  })
  try {
    await runPlan({ writes: [{ op: 'create', collection: WISHES, id: wish._id, doc: withoutId(wish) }] }, now)
  } catch (err) {
    const again = isDuplicateKey(err) ? await stored() : null
    if (!again) throw err
    return detailOf(ctx, again, 'wish.post', now, true)
  }
  await nudge(WISHES, wish._id, now)
  return detailOf(ctx, wish, 'wish.post', now)
}
