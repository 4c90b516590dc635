/**
 * Who hears of a wish's moves and what they read, and which counters change (src/core/effects.ts),
 * written once: the store puts these on the wish in the move's own write and the dispatcher sends them.
 */
import type { Audience, Effect } from '../effects'
import { beijingTime, clipThing } from '../notify/templates'
import type { TransferRequest } from '../points/ledger'
import { CommunityStaffRoles } from '../access'
import type { WishMove } from './machine'
import { WishKindLabel, WishStatusLabel, type WishKind, type WishRecord } from './model'
import { wishCounts, type WishStatsField } from './stats'

/** Staff who check a grid's wishes: its grid worker, or the community admin when it has none. */
export function staffOf(path: WishRecord['path']): Audience {
  return {
    staff: CommunityStaffRoles,
    over: { streetId: path.streetId, communityId: path.communityId, gridId: path.gridId },
    cascade: true,
  }
}

/** The claimant and the group's members: who a claim concerns. */
export const claimantsOf = (w: Pick<WishRecord, 'claim'>): string[] =>
  w.claim ? (w.claim.group?.members.map((m) => m.userId) ?? [w.claim.by]) : []

export function message(title: string, status: WishRecord['status'], note: string, now: Date) {
  return {
    thing1: { value: clipThing(title) },
    phrase2: { value: WishStatusLabel[status] },
    thing3: { value: clipThing(note) },
    time4: { value: beijingTime(now) },
  }
}

/** A posted wish: the grid's staff are told (not the poster), and it is counted. */
export function postEffects(
  path: WishRecord['path'],
  kind: WishKind,
  title: string,
  by: string,
  now: Date,
): Effect[] {
  return [
    ...wishCounts(path, { posted: 1 }),
    {
      kind: 'notify',
      key: 'wish.post',
      to: staffOf(path),
      except: [by],
      template: 'wishProgress',
      data: message(title, 'pending', `新${WishKindLabel[kind]}待核实`, now),
    },
  ]
}

const WHAT: Readonly<Record<WishMove, string>> = {
  publish: '心愿已核实，上墙公示',
  decline: '心愿未通过核实',
  withdraw: '心愿已撤回',
  claim: '您的心愿有人认领了',
  release: '认领人放弃了认领，心愿重新公示',
  fulfil: '心愿已实现，请您确认',
  redo: '居民认为心愿尚未实现',
  confirm: '心愿已实现，积分已发放',
  expire: '心愿公示期满，无人认领',
  reopen: '心愿重新公示',
  promote: '您的建议已转为居民议题',
}

const STATS: Partial<Record<WishMove, WishStatsField>> = {
  publish: 'published',
  claim: 'claimed',
  confirm: 'closed',
  expire: 'expired',
  promote: 'promoted',
  decline: 'declined',
}

/** Who hears of a move (never whoever made it) and which counters change. */
export function effectsOf(
  before: WishRecord,
  next: WishRecord,
  move: WishMove,
  byId: string,
  note: string | null,
  transfers: readonly TransferRequest[],
  now: Date,
): Effect[] {
  const owner = next.ownerId ? [next.ownerId] : []
  const claimants = claimantsOf(before.claim ? before : next)
  const to: Partial<Record<WishMove, Audience[]>> = {
    publish: [{ users: owner }],
    decline: [{ users: owner }],
    claim: [{ users: owner }, staffOf(next.path)],
    release: [{ users: owner }, staffOf(next.path), { users: claimants }],
    fulfil: next.ownerId ? [{ users: owner }] : [staffOf(next.path)],
    redo: [{ users: claimants }],
    confirm: [{ users: claimants }],
    expire: [staffOf(next.path), { users: owner }],
    reopen: [{ users: owner }],
    promote: [{ users: owner }],
  }
  const stat = STATS[move]
  const paid = transfers.reduce((s, t) => s + t.amount, 0)
  const counts = wishCounts(next.path, {
    ...(stat ? { [stat]: 1 } : {}),
    ...(paid > 0 ? { points: paid } : {}),
  })
  const key = `wish.${move}.v${next.version}`
  const notices: Effect[] = (to[move] ?? [])
    .filter((a) => !('users' in a) || a.users.length > 0)
    .map((a) => ({
      kind: 'notify',
      key,
      once: key,
      to: a,
      ...(byId !== 'system' ? { except: [byId] } : {}),
      template: 'wishProgress',
      data: message(before.title, next.status, note ?? WHAT[move], now),
    }))
  return [...counts, ...notices]
}
