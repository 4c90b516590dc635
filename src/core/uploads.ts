/**
 * Photos a person uploaded for one record: the rule the server checks before storing their file
 * ids (a report's photos, a meeting's). Each id names the uploader's own folder for that very
 * record, `cloud://<env>/<folder>/<userId>/<key>/<n>.jpg` (n 1–9; jpeg and png too), none twice,
 * and there are at most `max`. The client uploads to the same path (e.g. `photoCloudPath`).
 */
import { DomainError, type ErrorCode } from './errors'

export interface UploadCodes {
  readonly tooMany: ErrorCode
  readonly invalid: ErrorCode
}

export function checkUploads(
  photos: readonly string[],
  at: { readonly folder: string; readonly userId: string; readonly key: string },
  max: number,
  codes: UploadCodes,
): void {
  if (photos.length > max) throw new DomainError(codes.tooMany, `照片过多（最多 ${max} 张）`)
  const prefix = new RegExp(
    `^cloud://[^/]+/${escapeRe(at.folder)}/${escapeRe(at.userId)}/${escapeRe(at.key)}/[1-9]\\.(jpg|jpeg|png)$`,
  )
  if (new Set(photos).size !== photos.length || photos.some((p) => !prefix.test(p)))
    throw new DomainError(codes.invalid, '照片无效')
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
