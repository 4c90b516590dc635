import type { InviteCodeRecord } from '../join/model'
import { sceneFor, type CodeTarget } from '../org/invite-code'
import type { OrgPath } from '../org/model'

/**
 * Building and grid codes as the admin side stores them.
 *
 * Invariant: every building and every grid has exactly one active code. The single source of that
 * truth is a pointer document per target (collection `invite_code_targets`, `_id` from
 * `codeTargetIdFor`). Issuing and regenerating always write the pointer first inside a
 * transaction, so two admins issuing or rotating the same target at once conflict on that one
 * document and exactly one of them wins; the other is retried and sees the winner's code.
 */

/** Collection `invite_codes` (`_id` = the code) with what the admin side adds to a record. */
export interface CodeRecord extends InviteCodeRecord {
  /** Cloud storage fileID of the mini-program code image, once generated (once per code). */
  readonly imageFileId?: string | null
  readonly createdBy?: string | null
  readonly retiredAt?: Date | null
  readonly retiredBy?: string | null
}

/** Collection `invite_code_targets`: the one pointer from a building or grid to its active code. */
export interface CodeTargetRecord {
  readonly _id: string
  readonly target: CodeTarget
  readonly targetId: string
  readonly code: string
  readonly path: OrgPath
  /** Client request ids of the latest regenerations: a retried regenerate rotates once. */
  readonly requestIds: readonly string[]
  readonly updatedAt: Date
}

export const CODE_COLLECTIONS = { codes: 'invite_codes', targets: 'invite_code_targets' } as const

/** The pointer id of a target; the prefix keeps a building and a grid with equal ids apart. */
export function codeTargetIdFor(target: CodeTarget, targetId: string): string {
  return `${target === 'building' ? 'b' : 'g'}_${targetId}`
}

/** How many recent regenerate request ids a pointer remembers. */
export const REMEMBERED_REQUESTS = 20

/** The pointer's request ids after `requestId`: newest first, no duplicates, bounded. */
export function rememberRequest(ids: readonly string[], requestId: string): string[] {
  return [requestId, ...ids.filter((id) => id !== requestId)].slice(0, REMEMBERED_REQUESTS)
}

/**
 * The mini-program code every printed sheet carries: it opens the join page with the scene.
 * `checkPath: false` lets codes be generated before the join page is in a released version
 * (trial / review builds); `envVersion` stays the default `release`, so printed codes always
 * open the released app.
 */
export const WXACODE = { page: 'pages/join/index', width: 430, checkPath: false } as const

/** Where a code's image lives in cloud storage (one file per code, never overwritten by another). */
export function codeImagePath(targetId: string, code: string): string {
  return `codes/${targetId}/${code}.png`
}

/** The wxacode.getUnlimited request for a code (scene ≤ 32 chars, checked by `sceneFor`). */
export function wxacodeRequest(target: CodeTarget, code: string) {
  return {
    scene: sceneFor(target, code),
    page: WXACODE.page,
    width: WXACODE.width,
    checkPath: WXACODE.checkPath,
  }
}

/** Natural order of places by name: 2号楼 before 10号楼; ties by id so the order is total. */
export function byNaturalName(
  a: { readonly name: string; readonly id: string },
  b: { readonly name: string; readonly id: string },
): number {
  return a.name.localeCompare(b.name, 'zh-CN', { numeric: true }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** What an image's screen-reader label says, e.g. "1号楼 入格二维码". */
export function codeImageLabel(name: string): string {
  return `${name} 入格二维码`
}

/** The one line printed under each code. */
export const PRINT_INSTRUCTION = '微信扫码，加入网格'
