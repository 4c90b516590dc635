import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import type { CodeTarget } from '../org/invite-code'
import type { OrgPath } from '../org/model'

/** One building's (or the grid's) active code as the admin pages show and print it. */
export interface CodeCard {
  readonly target: CodeTarget
  readonly targetId: string
  /** Building name (e.g. 1号楼) or grid name. */
  readonly name: string
  /** The short code, 8 characters (what a resident can also type). */
  readonly code: string
  /** What the mini-program code carries: `b=<code>` or `g=<code>`. */
  readonly scene: string
  /** Temporary URL of the mini-program code image (about 2 h); null when it could not be made yet. */
  readonly imageUrl: string | null
  readonly createdAt: string
}

export interface GridCodes {
  readonly grid: { readonly id: string; readonly name: string; readonly path: OrgPath }
  readonly communityName: string
  /** The grid's own code (residents then pick their building). */
  readonly gridCode: CodeCard
  /** Every building of the grid, in natural order (2号楼 before 10号楼). */
  readonly buildings: readonly CodeCard[]
}

/** A grid whose codes the caller may see. */
export interface CodeGridOption {
  readonly id: string
  readonly name: string
  readonly communityName: string
  readonly path: OrgPath
}

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64))

/** Building and grid invite codes as admins manage them (resolving a scanned code is `code.resolve`). */
export const codeActions = {
  /** Grids within the caller's scope (for the grid picker of the codes page), by community then name. */
  'codes.grids': defineAction<readonly CodeGridOption[]>()(v.strictObject({})),
  /**
   * The grid's code and every building's, issuing missing codes (exactly one active per target)
   * and generating each code's mini-program image once.
   */
  'codes.list': defineAction<GridCodes>()(v.strictObject({ gridId: id })),
  /**
   * Issues a new code for the target and retires the old one in one transaction (the old printed
   * code then answers JOIN.CODE_INVALID). Idempotent on requestId.
   */
  'codes.regenerate': defineAction<CodeCard>()(
    v.strictObject({ target: v.picklist(['building', 'grid']), targetId: id, requestId: clientRequestId }),
  ),
}
