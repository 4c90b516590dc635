/**
 * Pure deciders for errands: who the caller is to an errand (actors), whether a helper may take it,
 * what a move does to it, and the checks of a post. The clock is passed in.
 */
import { CommonErrorCodes, DomainError } from '../errors'
import { CommunityStaffRoles, holdsOver } from '../access'
import type { OrgPath } from '../org/model'
import type { Actor } from '../roles'
import { ErrandErrors } from './errors'
import { NoMove } from '../machine'
import { errandMachine, type ErrandActor, type ErrandMove } from './machine'
import { MAX_CODE_TRIES, type ErrandRecord } from './model'

/** A verified helper (staff-granted helper role) of the errand's grid. */
export function isGridHelper(actor: Actor, path: OrgPath): boolean {
  return holdsOver(actor, 'helper', path)
}

/** Staff who resolve disputes and lockouts: the grid's workers, community admins above them. */
export function isGridStaff(actor: Actor, path: OrgPath): boolean {
  return holdsOver(actor, CommunityStaffRoles, path)
}

type Who = Pick<ErrandRecord, 'requesterId' | 'helperId' | 'path' | 'type' | 'approvedHelperIds' | 'status'>

/** May this helper take (and, while open, see) this errand? Child pickups: only the guardian's list. */
export function mayTake(actor: Actor, e: Who): boolean {
  return (
    actor.userId !== e.requesterId &&
    isGridHelper(actor, e.path) &&
    (e.type !== 'child_pickup' || e.approvedHelperIds.includes(actor.userId))
  )
}

/** The actors the caller is to this errand (possibly several, possibly none). */
export function actorsOf(actor: Actor, e: Who): ErrandActor[] {
  const out: ErrandActor[] = []
  if (actor.userId === e.requesterId) out.push('requester')
  if (e.helperId ? e.helperId === actor.userId : e.status === 'open' && mayTake(actor, e)) out.push('helper')
  if (isGridStaff(actor, e.path)) out.push('grid_worker')
  return out
}

/**
 * Why this caller may not accept, in the order a person would understand it, or `again` when they
 * already hold it (a double tap answers the errand as it is).
 */
export function checkAccept(actor: Actor, e: Who): 'ok' | 'again' {
  if (actor.userId === e.requesterId) throw new DomainError(ErrandErrors.OWN_ERRAND, '不能接自己发布的互助')
  if (!isGridHelper(actor, e.path)) throw new DomainError(ErrandErrors.OUTSIDE_GRID, '只能接本网格的互助')
  if (e.type === 'child_pickup' && !e.approvedHelperIds.includes(actor.userId)) {
    throw new DomainError(ErrandErrors.NOT_APPROVED, '代接送小孩只能由家长指定的帮办人接单')
  }
  if (e.status === 'open') return 'ok'
  if (e.helperId === actor.userId) return 'again'
  if (e.helperId) throw new DomainError(ErrandErrors.TAKEN, '已被其他邻居接单')
  throw new DomainError(ErrandErrors.BAD_STATE, '该互助已结束，请刷新查看')
}

export type Mover =
  { readonly userId: string; readonly name: string; readonly actors: readonly ErrandActor[] } | 'system'

const badState = () => new DomainError(ErrandErrors.BAD_STATE, '互助状态已变化，请刷新后再操作')

/** Applies one move, or throws exactly why not. Never touches the handover code check (see `checkCode`). */
export function applyMove(
  e: ErrandRecord,
  move: ErrandMove,
  by: Mover,
  now: Date,
  note?: string,
): ErrandRecord {
  const actors: readonly ErrandActor[] = by === 'system' ? ['system'] : by.actors
  const step = errandMachine.next(e.status, move, actors, { type: e.type })
  if (!step.ok) {
    if (step.code === NoMove) throw badState()
    throw new DomainError(CommonErrorCodes.FORBIDDEN, '您无权进行此操作')
  }
  const to = step.to
  const byId = by === 'system' ? 'system' : by.userId
  const fields: Partial<ErrandRecord> = {}
  switch (move) {
    case 'accept':
      Object.assign(fields, { helperId: byId, helperName: by === 'system' ? null : by.name, acceptedAt: now })
      break
    case 'release':
      Object.assign(fields, { helperId: null, helperName: null, acceptedAt: null, codeTries: 0 })
      break
    case 'start':
      Object.assign(fields, { pickedUpAt: now })
      break
    case 'done':
      Object.assign(fields, { doneAt: now })
      break
    case 'unlock':
      Object.assign(fields, { codeTries: 0 })
      break
    case 'confirm':
    case 'settle':
      Object.assign(fields, { confirmedAt: now })
      break
    case 'dispute':
      if (!note?.trim()) throw new DomainError(ErrandErrors.REASON_REQUIRED, '请说明有什么问题')
      Object.assign(fields, { disputeReason: note.trim() })
      break
    default:
      break
  }
  return {
    ...e,
    ...fields,
    status: to,
    open: to === 'open',
    events: [...e.events, { at: now, move, by: byId, ...(note?.trim() ? { note: note.trim() } : {}) }],
    version: e.version + 1,
    updatedAt: now,
  }
}

/**
 * The handover code at pickup: `ok`, or `wrong` with the tries left, or `lock` on the last wrong try
 * (the errand locks for the grid worker). A locked errand is refused before any code is compared.
 */
export function checkCode(
  e: Pick<ErrandRecord, 'handoverCode' | 'codeTries' | 'status'>,
  code: string | undefined,
): 'ok' | { wrong: number } | 'lock' {
  if (e.status === 'locked')
    throw new DomainError(ErrandErrors.CODE_LOCKED, '交接码错误次数过多，已锁定，请联系网格员处理')
  if (!e.handoverCode) return 'ok'
  if (!code) throw new DomainError(ErrandErrors.CODE_REQUIRED, '请输入交接码')
  if (code === e.handoverCode) return 'ok'
  const tries = e.codeTries + 1
  return tries >= MAX_CODE_TRIES ? 'lock' : { wrong: MAX_CODE_TRIES - tries }
}

/** Text checks of a post, in the order a person fills the form. */
export function checkPostText(text: string, note: string | undefined): { text: string; note: string | null } {
  const t = text.trim()
  if (!t) throw new DomainError(ErrandErrors.TEXT_EMPTY, '请简单描述需要帮什么忙')
  if ([...t].length > 100) throw new DomainError(ErrandErrors.TEXT_TOO_LONG, '描述不能超过 100 个字')
  const n = note?.trim() ?? ''
  if ([...n].length > 100)
    throw new DomainError(ErrandErrors.TEXT_TOO_LONG, '给帮办人的备注不能超过 100 个字')
  return { text: t, note: n || null }
}
