/**
 * Client-side limits for photos attached to a report (or an errand): how many, how big before
 * compression, and how they are shrunk before upload. The server checks count and paths again.
 */
export const MAX_PHOTOS = 9
/** A picked photo larger than this (before compression) is refused on the phone. */
export const MAX_SOURCE_BYTES = 10 * 1024 * 1024
/** Long edge after compression (px) and JPEG quality (0–1; weapp's compressImage takes 0–100). */
export const COMPRESS_LONG_EDGE = 1600
export const COMPRESS_QUALITY = 0.7

export interface PickedPhoto {
  /** A local path (weapp temp file) or a blob: URL (H5). */
  readonly path: string
  readonly size: number
}

export interface PickOutcome {
  readonly accepted: readonly PickedPhoto[]
  /** What to tell the person about the photos left out (null when none were). */
  readonly notice: string | null
}

/** Keeps what fits: at most MAX_PHOTOS in total, none over MAX_SOURCE_BYTES. */
export function admitPhotos(alreadyAttached: number, picked: readonly PickedPhoto[]): PickOutcome {
  const room = Math.max(0, MAX_PHOTOS - alreadyAttached)
  const small = picked.filter((p) => p.size <= MAX_SOURCE_BYTES)
  const tooBig = picked.length - small.length
  const accepted = small.slice(0, room)
  const overCount = small.length - accepted.length
  const notes: string[] = []
  if (tooBig > 0) notes.push(`${tooBig} 张照片超过 10 MB，未添加`)
  if (overCount > 0) notes.push(`最多 ${MAX_PHOTOS} 张照片，多出的 ${overCount} 张未添加`)
  return { accepted, notice: notes.length ? notes.join('；') : null }
}

/** Size to draw a w×h image so its long edge is at most `edge` (never enlarged). */
export function fitLongEdge(
  w: number,
  h: number,
  edge: number = COMPRESS_LONG_EDGE,
): { width: number; height: number } {
  const scale = Math.min(1, edge / Math.max(w, h, 1))
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) }
}

/** A local photo can no longer be read (H5 blob lost on reload, weapp file cleaned): not retryable. */
export class PhotoMissingError extends Error {
  constructor(path: string) {
    super(`photo no longer available: ${path}`)
    this.name = 'PhotoMissingError'
  }
}

/** Storage refused the upload (status ≥ 400 other than 401/5xx): not retryable. */
export class UploadRefusedError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'UploadRefusedError'
    this.status = status
  }
}
