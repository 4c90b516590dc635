/**
 * Excel exports (数据导出): the contract. A community admin exports their community; a street admin
 * their street (`export.street`) or one community of it (`export.community`). The period is two
 * China days (`YYYY-MM-DD`, both included, at most a year: ./period.ts); the kind one of
 * ExportKinds (./rows.ts). Kind and days are checked by core with the feature's own codes, so the
 * schema only bounds their length.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(160))
const day = v.pipe(v.string(), v.maxLength(20))
const kind = v.pipe(v.string(), v.maxLength(20))

/** The file made: stored in cloud storage, handed over by a temporary URL (2 hours). */
export interface ExportFile {
  readonly kind: string
  readonly fileID: string
  readonly url: string
  readonly fileName: string
  /** Data rows (the header not counted). */
  readonly rows: number
  /** The file's size in bytes. */
  readonly bytes: number
}

export const exportsActions = {
  /** One community's file: its community admin, or the admin of its street. */
  'export.community': defineAction<ExportFile>()(
    v.strictObject({ kind, communityId: id, from: day, to: day }),
  ),
  /** A whole street's file: its street admin. */
  'export.street': defineAction<ExportFile>()(v.strictObject({ kind, streetId: id, from: day, to: day })),
}
