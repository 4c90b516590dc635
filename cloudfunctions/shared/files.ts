import { cloud } from './sdk'

/** Do these files exist in storage? One request for all (an upload never finished → false). */
export async function allStored(fileIds: readonly string[]): Promise<boolean> {
  if (fileIds.length === 0) return true
  const res = (await cloud().getTempFileURL({
    fileList: fileIds.map((fileID) => ({ fileID, maxAge: 60 })),
  })) as {
    fileList?: { fileID: string; code?: string; tempFileURL?: string }[]
  }
  const ok = new Set(
    (res.fileList ?? []).filter((f) => f.code === 'SUCCESS' && f.tempFileURL).map((f) => f.fileID),
  )
  return fileIds.every((p) => ok.has(p))
}
