/**
 * The 百宝屋 desk's lists (pickups waiting, loans due today, overdue loans, items under
 * maintenance; staff of the community) and an item's printable label. The desk's moves are a loan's
 * (lending-loans.ts: pickup; lending-return.ts: return, lost).
 */
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { DeskPage, DeskViewKey, LabelView } from '../../../src/core/lending/api'
import type { HoldRecord, ItemRecord, LoanRecord } from '../../../src/core/lending/model'
import {
  endOfChinaDay,
  isLendingStaff,
  itemScene,
  ITEM_WXACODE,
  labelImagePath,
} from '../../../src/core/lending/rules'
import { jsonLog, type CallContext } from '../kit'
import { cloud, db } from '../sdk'
import { getUnlimitedWxacode } from '../wxacode'
import { pageAfter } from './paging'
import { HOLDS, ITEMS, LOANS, loadItem, logNames, PAGE } from './lending-base'

type DeskLine = DeskPage['lines'][number]

/**
 * lending.desk: pickups waiting (ready holds, soonest deadline first), loans due by today's end,
 * overdue loans (oldest due first), items under maintenance. Staff of the community only.
 */
export async function deskList(
  ctx: CallContext,
  input: { communityId: string; view: DeskViewKey; cursor?: string },
  now: Date,
): Promise<DeskPage> {
  if (!isLendingStaff(ctx.actor, input.communityId))
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '您无权查看')
  const _ = db().command
  const { communityId, cursor } = input
  /** One list: a page of `collection` by `field` (soonest first), its lines, the names on it logged. */
  const list = async <T extends { _id: string }>(
    collection: string,
    where: object,
    field: keyof T & string,
    line: (doc: T) => DeskLine,
    personOf?: (doc: T) => string,
  ): Promise<DeskPage> => {
    const page = await pageAfter<T>(collection, where, { field, dir: 'asc' }, cursor, PAGE)
    if (personOf) await logNames(ctx, 'lending.desk', communityId, page.rows.map(personOf), now)
    return { lines: page.rows.map(line), cursor: page.cursor }
  }
  const iso = (d: Date | string | null) => new Date(d ?? now).toISOString()
  if (input.view === 'pickups')
    return list<HoldRecord>(
      HOLDS,
      { communityId, status: 'ready' },
      'readyUntil',
      (h) => ({
        id: h._id,
        itemId: h.itemId,
        itemName: h.itemName,
        who: h.holderName,
        at: iso(h.readyUntil),
      }),
      (h) => h.holderId,
    )
  if (input.view === 'maintenance')
    return list<ItemRecord>(ITEMS, { communityId, status: 'maintenance' }, 'updatedAt', (i) => ({
      id: i._id,
      itemId: i._id,
      itemName: i.name,
      who: '',
      at: iso(i.updatedAt),
    }))
  const due =
    input.view === 'due' ? { dueAt: _.and(_.gte(now), _.lt(endOfChinaDay(now))) } : { dueAt: _.lt(now) }
  return list<LoanRecord>(
    LOANS,
    { communityId, status: 'out', ...due },
    'dueAt',
    (l) => ({ id: l._id, itemId: l.itemId, itemName: l.itemName, who: l.borrowerName, at: iso(l.dueAt) }),
    (l) => l.borrowerId,
  )
}

/**
 * lending.label: the item's code and its mini-program code image, made once through the same
 * wxacode path as the building codes (src/core/codes, repos/codes-images.ts) and stored.
 */
export async function label(ctx: CallContext, itemId: string): Promise<LabelView> {
  const item = await loadItem(itemId)
  if (!isLendingStaff(ctx.actor, item.communityId))
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '物品不存在')
  let fileId = item.labelFileId
  if (!fileId) {
    try {
      const png = await getUnlimitedWxacode({ scene: itemScene(item.code), ...ITEM_WXACODE })
      const up = await cloud().uploadFile({
        cloudPath: labelImagePath(item._id, item.code),
        fileContent: png,
      })
      fileId = up.fileID
      await db().collection(ITEMS).doc(item._id).update({ labelFileId: fileId })
    } catch (err) {
      jsonLog({
        level: 'error',
        what: 'lending label wxacode',
        itemId,
        error: err instanceof Error ? err.message : String(err),
      })
    }
  }
  let imageUrl: string | null = null
  if (fileId) {
    const res = await cloud().getTempFileURL({ fileList: [{ fileID: fileId, maxAge: 7200 }] })
    const f = res.fileList?.[0]
    imageUrl = f && f.code === 'SUCCESS' ? (f.tempFileURL ?? null) : null
  }
  return {
    itemId: item._id,
    name: item.name,
    code: item.code,
    scene: itemScene(item.code),
    imageUrl,
    location: item.location,
  }
}
