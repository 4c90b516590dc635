/**
 * The pure rules of lending: who the caller is to an item, a hold or a loan; the queue (position by
 * time, which hold starts); renewal; the staged reminders; the overdue block; the checks of what
 * staff and residents type. The clock is always passed in.
 */
import { homeCommunity, isCommunityStaff, isResidentOf, placeIds, CommunityStaffRoles } from '../access'
import { CHINA_OFFSET_MS } from '../china-time'
import { CommonErrorCodes, DomainError } from '../errors'
import type { Actor } from '../roles'
import { isInviteCode } from '../org/invite-code'
import { checkUploads } from '../uploads'
import { LendingErrors } from './errors'
import type { HoldParty, LoanParty } from './machine'
import {
  ActiveHold,
  BLOCK_AFTER_DAYS,
  DAY_MS,
  LIMITS,
  MAX_ACTIVE_HOLDS,
  ReminderStages,
  type HoldRecord,
  type ItemRecord,
  type LoanRecord,
  type ReminderStage,
} from './model'

// ── Who ──

/** Staff of the item's community: its community admins and the grid workers of its grids. */
export function isLendingStaff(actor: Actor, communityId: string): boolean {
  return isCommunityStaff(actor, communityId)
}

/** The item's keeper (a resident named by staff on the item). */
export function isKeeper(actor: Actor, item: Pick<ItemRecord, 'keeperId'>): boolean {
  return item.keeperId !== null && item.keeperId === actor.userId
}

/** Staff, or the item's keeper: who may hand it out and take it back. */
export function mayDesk(actor: Actor, item: Pick<ItemRecord, 'keeperId' | 'communityId'>): boolean {
  return isLendingStaff(actor, item.communityId) || isKeeper(actor, item)
}

export function holdParties(actor: Actor, hold: HoldRecord, item: Pick<ItemRecord, 'keeperId'>): HoldParty[] {
  const out: HoldParty[] = []
  if (hold.holderId === actor.userId) out.push('holder')
  if (isLendingStaff(actor, hold.communityId)) out.push('staff')
  if (isKeeper(actor, item)) out.push('keeper')
  return out
}

export function loanParties(actor: Actor, loan: LoanRecord, item: Pick<ItemRecord, 'keeperId'>): LoanParty[] {
  const out: LoanParty[] = []
  if (loan.borrowerId === actor.userId) out.push('borrower')
  if (isLendingStaff(actor, loan.communityId)) out.push('staff')
  if (isKeeper(actor, item)) out.push('keeper')
  return out
}

/**
 * The community whose 百宝屋 the caller opens: the one asked for (they must live in it or be its
 * staff), else where they live, else the first community they are staff of.
 */
export function communityFor(actor: Actor, asked?: string): string {
  if (asked) {
    if (isResidentOf(actor, { communityId: asked }) || isLendingStaff(actor, asked)) return asked
    // Another community (or none at all) reads as not found: ids say nothing about what exists.
    throw new DomainError(CommonErrorCodes.NOT_FOUND, '没有找到这个社区的百宝屋')
  }
  const home = homeCommunity(actor)
  if (home) return home
  const staffOf = placeIds(actor, CommunityStaffRoles, 'community')[0]
  if (staffOf) return staffOf
  throw new DomainError(LendingErrors.NO_HOUSEHOLD, '请先加入网格')
}

/** May the caller see the item at all? Residents of its community, its staff and keeper. */
export function seesItem(actor: Actor, item: Pick<ItemRecord, 'communityId' | 'keeperId'>): boolean {
  return isResidentOf(actor, { communityId: item.communityId }) || mayDesk(actor, item)
}

// ── The queue ──

type Queued = Pick<HoldRecord, '_id' | 'status' | 'createdAt'>

/** Active holds in queue order: by time of reserving, then id (a total order). */
export function queueOrder<H extends Queued>(holds: readonly H[]): H[] {
  return holds
    .filter((h) => ActiveHold.includes(h.status))
    .sort(
      (a, b) =>
        new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() ||
        (a._id < b._id ? -1 : a._id > b._id ? 1 : 0),
    )
}

/** 1-based place of the hold in the queue, or null when it is not queued. */
export function positionOf(holds: readonly Queued[], holdId: string): number | null {
  const i = queueOrder(holds).findIndex((h) => h._id === holdId)
  return i < 0 ? null : i + 1
}

/**
 * The hold whose pickup window starts now, or null: only when the item is available, nobody's
 * window is running, and the first in line is waiting (Circulate's `start_waiting_holds`).
 */
export function holdToStart<H extends Queued>(
  item: Pick<ItemRecord, 'status'>,
  holds: readonly H[],
): H | null {
  if (item.status !== 'available') return null
  const q = queueOrder(holds)
  if (q.some((h) => h.status === 'ready')) return null
  const first = q[0]
  return first && first.status === 'waiting' ? first : null
}

/** The end of a pickup window started at `now`. */
export function pickupUntil(item: Pick<ItemRecord, 'pickupDays'>, now: Date): Date {
  return new Date(now.getTime() + item.pickupDays * DAY_MS)
}

/** Due date set at pickup: now + the lending period. */
export function dueFrom(item: Pick<ItemRecord, 'periodDays'>, now: Date): Date {
  return new Date(now.getTime() + item.periodDays * DAY_MS)
}

/** A renewal adds one lending period to the due date (never less than from now). */
export function renewedDue(loan: Pick<LoanRecord, 'dueAt'>, periodDays: number, now: Date): Date {
  const from = Math.max(new Date(loan.dueAt).getTime(), now.getTime())
  return new Date(from + periodDays * DAY_MS)
}

// ── Blocking ──

/** Is a loan out 7+ days past its due date (the borrower may not reserve)? */
export function blocksReserving(loan: Pick<LoanRecord, 'status' | 'dueAt'>, now: Date): boolean {
  return loan.status === 'out' && now.getTime() - new Date(loan.dueAt).getTime() >= BLOCK_AFTER_DAYS * DAY_MS
}

/** The latest due date that blocks at `now` (the store's query: `dueAt ≤ blockCutoff(now)`). */
export function blockCutoff(now: Date): Date {
  return new Date(now.getTime() - BLOCK_AFTER_DAYS * DAY_MS)
}

export interface ReserveFacts {
  readonly item: Pick<ItemRecord, '_id' | 'communityId' | 'status' | 'pledgePoints'>
  /** The caller's active holds (any item) and open loans (any item). */
  readonly myHolds: readonly Pick<HoldRecord, 'itemId' | 'status'>[]
  readonly myLoans: readonly Pick<LoanRecord, 'itemId' | 'status' | 'dueAt'>[]
  readonly balance: number
}

/** Why the caller may not reserve, in the order a person would understand it; nothing when they may. */
export function checkReserve(actor: Actor, f: ReserveFacts, now: Date): void {
  if (!homeCommunity(actor)) throw new DomainError(LendingErrors.NO_HOUSEHOLD, '请先加入网格')
  if (!isResidentOf(actor, { communityId: f.item.communityId }))
    throw new DomainError(LendingErrors.OTHER_COMMUNITY, '只能借用本社区百宝屋的物品')
  if (f.myLoans.some((l) => blocksReserving(l, now)))
    throw new DomainError(LendingErrors.BLOCKED_OVERDUE, '您有物品逾期超过 7 天未还，归还后才能预约')
  if (f.item.status === 'retired') throw new DomainError(LendingErrors.NOT_LENDABLE, '这件物品已下架')
  const active = f.myHolds.filter((h) => ActiveHold.includes(h.status))
  const itemId = f.item._id
  if (
    active.some((h) => h.itemId === itemId) ||
    f.myLoans.some((l) => l.status === 'out' && l.itemId === itemId)
  )
    throw new DomainError(LendingErrors.ALREADY_HELD, '您已预约或正在借用这件物品')
  if (active.length >= MAX_ACTIVE_HOLDS)
    throw new DomainError(LendingErrors.TOO_MANY_HOLDS, '同时最多预约 3 件物品')
  if (f.item.pledgePoints > f.balance)
    throw new DomainError(
      LendingErrors.PLEDGE_SHORT,
      `积分不足（押分 ${f.item.pledgePoints}，当前 ${f.balance}）`,
    )
}

// ── Reminders ──

/** Reminders go out from 09:00 China time on their day. */
const SEND_HOUR_MS = 9 * 3_600_000

/** The instant 09:00 China time on the China day of `at`, `plus` days later. */
export function morningOf(at: Date, plus = 0): Date {
  const wall = at.getTime() + CHINA_OFFSET_MS
  const midnight = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS)
  return new Date(midnight - CHINA_OFFSET_MS + SEND_HOUR_MS + plus * DAY_MS)
}

/** The end of the China day of `now` (loans due "today" are due before it). */
export function endOfChinaDay(now: Date): Date {
  return morningOf(now, 1).getTime() - SEND_HOUR_MS > now.getTime()
    ? new Date(morningOf(now, 1).getTime() - SEND_HOUR_MS)
    : new Date(morningOf(now, 2).getTime() - SEND_HOUR_MS)
}

/** Each stage's window: [start, end); the last never ends. */
export function stageWindows(dueAt: Date): Record<ReminderStage, { start: Date; end: Date | null }> {
  const d = new Date(dueAt)
  return {
    due_tomorrow: { start: morningOf(d, -1), end: morningOf(d, 0) },
    due_today: { start: morningOf(d, 0), end: morningOf(d, 1) },
    overdue_3: { start: morningOf(d, 3), end: null },
  }
}

/**
 * What the sweep does for a loan out at `now`: the stage to send now (its window open, not sent
 * before; a stage whose window passed unsent is skipped, never sent late), and when to look again.
 */
export function reminderDue(
  loan: Pick<LoanRecord, 'dueAt' | 'reminded' | 'status'>,
  now: Date,
): { send: ReminderStage | null; next: Date | null } {
  if (loan.status !== 'out') return { send: null, next: null }
  const w = stageWindows(new Date(loan.dueAt))
  const t = now.getTime()
  const open = (s: ReminderStage) =>
    w[s].start.getTime() <= t && (w[s].end === null || t < w[s].end.getTime())
  const send = ReminderStages.find((s) => !loan.reminded.includes(s) && open(s)) ?? null
  const sent = new Set([...loan.reminded, ...(send ? [send] : [])])
  const later = ReminderStages.filter((s) => !sent.has(s) && w[s].start.getTime() > t)
  const next = later[0] ? w[later[0]].start : null
  return { send, next }
}

/** The first time to look at a loan due at `dueAt` from `now` (pickup, renewal). */
export function firstRemindAt(dueAt: Date, reminded: readonly ReminderStage[], now: Date): Date | null {
  const w = stageWindows(dueAt)
  const t = now.getTime()
  const s = ReminderStages.find((x) => !reminded.includes(x) && (w[x].end === null || w[x].end.getTime() > t))
  if (!s) return null
  return new Date(Math.max(w[s].start.getTime(), t))
}

// ── What people type ──

export function cleanText(text: string | undefined, max: number, required: boolean, what: string): string {
  const t = (text ?? '').trim()
  if (!t && required) throw new DomainError(LendingErrors.TEXT_EMPTY, `请填写${what}`)
  if ([...t].length > max) throw new DomainError(LendingErrors.TEXT_TOO_LONG, `${what}不能超过 ${max} 个字`)
  return t
}

export function checkRange(n: number, min: number, max: number): number {
  if (!Number.isInteger(n) || n < min || n > max)
    throw new DomainError(LendingErrors.BAD_NUMBER, `应为 ${min}–${max} 的整数`)
  return n
}

export function cleanAccessories(list: readonly string[]): string[] {
  if (list.length > LIMITS.accessories)
    throw new DomainError(LendingErrors.TEXT_TOO_LONG, `配件最多 ${LIMITS.accessories} 项`)
  const out = list.map((a) => cleanText(a, LIMITS.accessory, true, '配件名称'))
  if (new Set(out).size !== out.length) throw new DomainError(LendingErrors.BAD_ACCESSORIES, '配件名称重复')
  return out
}

/** Ticked accessories must be the item's own (a stale checklist is refused, not guessed). */
export function checkTicked(item: Pick<ItemRecord, 'accessories'>, ticked: readonly string[]): string[] {
  if (ticked.some((a) => !item.accessories.includes(a)) || new Set(ticked).size !== ticked.length)
    throw new DomainError(LendingErrors.BAD_ACCESSORIES, '配件清单与物品不符，请刷新')
  return item.accessories.filter((a) => ticked.includes(a))
}

export const lendingPhotoPath = (userId: string, requestId: string, n: number): string =>
  `lending/${userId}/${requestId}/${n}.jpg`

export function checkPhotos(
  photos: readonly string[],
  userId: string,
  requestId: string,
  max: number,
): string[] {
  checkUploads(photos, { folder: 'lending', userId, key: requestId }, max, {
    tooMany: LendingErrors.TOO_MANY_PHOTOS,
    invalid: LendingErrors.PHOTO_INVALID,
  })
  return [...photos]
}

// ── Labels ──

/** What an item's label QR carries: `t=<code>` (codes from the building codes' alphabet). */
export function itemScene(code: string): string {
  if (!isInviteCode(code)) throw new Error(`not an item code: ${code}`)
  return `t=${code}`
}

/** The label's mini-program code opens the item page (scanned by anyone; the desk sees pickup and return). */
export const ITEM_WXACODE = {
  page: 'features/lending/pages/item/index',
  width: 430,
  checkPath: false,
} as const

/**
 * An item code as scanned (scene `t=CODE`, URL-encoded once or twice, or a page path carrying it)
 * or typed (any case, spaces or dashes); null when it cannot be one.
 */
export function parseItemCode(raw: string): string | null {
  let s = raw.trim()
  for (let i = 0; i < 2; i += 1) {
    try {
      s = decodeURIComponent(s)
    } catch {
      return null
    }
  }
  const scene = /(?:^|[=?&#\s])t=([^&#]*)/i.exec(s)
  if (scene) s = scene[1] ?? ''
  const code = s.replace(/[\s-]/g, '').toUpperCase()
  return isInviteCode(code) ? code : null
}

/** Where an item's label image lives in cloud storage (one file per code). */
export const labelImagePath = (itemId: string, code: string): string => `lending/labels/${itemId}/${code}.png`
