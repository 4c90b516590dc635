/**
 * The codes' images and cards: each code's wxacode image generated once and stored (within a time
 * budget per call), its temporary URL, and the card the page shows.
 */
import type { CodeCard } from '../../../src/core/codes/api'
import { codeImagePath, wxacodeRequest, type CodeRecord } from '../../../src/core/codes/model'
import { sceneFor } from '../../../src/core/org/invite-code'
import { jsonLog } from '../kit'
import { cloud, db } from '../sdk'
import { getUnlimitedWxacode } from '../wxacode'
import { CODES, type Target } from './codes-base'

/**
 * Images still missing after this long in one call are left for the next call (imageUrl null), so
 * a first listing of a large grid stays inside the function timeout (10 s, cloudbaserc.json).
 */
const IMAGE_BUDGET_MS = 5000
const IMAGE_CONCURRENCY = 4
const TEMP_URL_MAX_AGE_S = 2 * 60 * 60

/**
 * The image of a code: generated through wxacode.getUnlimited and stored once per code, its
 * fileID remembered on the code record. Two callers racing on a new code may both generate; they
 * write the same storage path and the same fileID, so the result is the same.
 */
async function ensureImage(record: CodeRecord): Promise<string> {
  if (record.imageFileId) return record.imageFileId
  const png = await getUnlimitedWxacode(wxacodeRequest(record.target, record._id))
  const uploaded = await cloud().uploadFile({
    cloudPath: codeImagePath(record.targetId, record._id),
    fileContent: png,
  })
  const fileId = uploaded.fileID
  await db().collection(CODES).doc(record._id).update({ imageFileId: fileId })
  return fileId
}

/** Image fileIDs for the records, generating missing ones within a time budget; failures are logged. */
async function ensureImages(records: readonly CodeRecord[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const queue = [...records]
  const started = Date.now()
  const worker = async () => {
    for (let record = queue.shift(); record; record = queue.shift()) {
      if (record.imageFileId) {
        out.set(record._id, record.imageFileId)
        continue
      }
      if (Date.now() - started > IMAGE_BUDGET_MS) continue
      try {
        out.set(record._id, await ensureImage(record))
      } catch (err) {
        jsonLog({
          level: 'error',
          what: 'wxacode image',
          code: record._id,
          error: err instanceof Error ? err.message : String(err),
        })
      }
    }
  }
  await Promise.all(Array.from({ length: IMAGE_CONCURRENCY }, worker))
  return out
}

/** fileID → temporary URL, 50 files per request (the platform's batch limit). */
async function tempUrls(fileIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const unique = [...new Set(fileIds)]
  for (let i = 0; i < unique.length; i += 50) {
    const batch = unique.slice(i, i + 50)
    const res = await cloud().getTempFileURL({
      fileList: batch.map((fileID) => ({ fileID, maxAge: TEMP_URL_MAX_AGE_S })),
    })
    for (const f of res.fileList ?? []) {
      if (f.code === 'SUCCESS' && f.tempFileURL) out.set(f.fileID, f.tempFileURL)
    }
  }
  return out
}

export async function cardsFor(
  targets: readonly Target[],
  records: Map<string, CodeRecord>,
): Promise<Map<string, CodeCard>> {
  const list = targets.map((t) => records.get(t.id)).filter((r): r is CodeRecord => !!r)
  const images = await ensureImages(list)
  const urls = await tempUrls([...images.values()])
  const out = new Map<string, CodeCard>()
  for (const t of targets) {
    const record = records.get(t.id)
    if (!record) continue
    const fileId = images.get(record._id)
    out.set(t.id, {
      target: t.target,
      targetId: t.id,
      name: t.name,
      code: record._id,
      scene: sceneFor(t.target, record._id),
      imageUrl: (fileId && urls.get(fileId)) ?? null,
      createdAt: new Date(record.createdAt).toISOString(),
    })
  }
  return out
}
