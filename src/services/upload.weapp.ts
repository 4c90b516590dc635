import Taro from '@tarojs/taro'
import { TransportError } from './transport-types'
import { COMPRESS_LONG_EDGE, PhotoMissingError, fitLongEdge, type PickedPhoto } from './upload-rules'

/** compressImage's quality (0–100); its JPEG encoder at 60 is close to a canvas's 0.7. */
const WEAPP_QUALITY = 60
const userDataPath = (): string => Taro.env.USER_DATA_PATH ?? ''

const isCancel = (err: unknown) => /cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? err))

/** Album or camera, images only; [] when the person cancels. */
export async function pickPhotos(max: number): Promise<PickedPhoto[]> {
  if (max <= 0) return []
  try {
    const res = await Taro.chooseMedia({
      count: max,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    })
    return res.tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size }))
  } catch (err) {
    if (isCancel(err)) return []
    throw err
  }
}

/**
 * Shrinks to ≤ 1600 px on the long edge at quality 60 and saves the result under the user data
 * directory, so a draft waiting for the network still has its photos after the app restarts
 * (temp files live only as long as the current launch).
 */
export async function compressPhoto(path: string): Promise<PickedPhoto> {
  const info = await Taro.getImageInfo({ src: path })
  const fit = fitLongEdge(info.width, info.height)
  const wide = info.width >= info.height
  const compressed = await Taro.compressImage({
    src: path,
    quality: WEAPP_QUALITY,
    ...(Math.max(info.width, info.height) > COMPRESS_LONG_EDGE
      ? wide
        ? { compressedWidth: fit.width }
        : { compressedHeight: fit.height }
      : {}),
  })
  const target = `${userDataPath()}/draft-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.jpg`
  const fs = Taro.getFileSystemManager()
  const saved = await new Promise<string>((resolve) => {
    fs.saveFile({
      tempFilePath: compressed.tempFilePath,
      filePath: target,
      success: (r) => resolve(r.savedFilePath),
      // Saving is an extra; the temp file still uploads during this launch.
      fail: () => resolve(compressed.tempFilePath),
    })
  })
  let size = 0
  try {
    size = (fs.statSync(saved) as { size: number }).size
  } catch {
    /* unknown size: the server's checks still apply */
  }
  return { path: saved, size }
}

/** wx.cloud.uploadFile: the platform records the caller as the file's creator. */
export async function uploadPhoto(localPath: string, cloudPath: string): Promise<string> {
  try {
    Taro.getFileSystemManager().accessSync(localPath)
  } catch {
    throw new PhotoMissingError(localPath)
  }
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: localPath })
    return res.fileID
  } catch (err) {
    throw new TransportError(
      err instanceof Error ? err.message : String((err as { errMsg?: string })?.errMsg ?? err),
      0,
    )
  }
}

/** Removes a saved draft photo once the server has it (best effort). */
export function discardPhoto(localPath: string): void {
  const dir = userDataPath()
  if (!dir || !localPath.startsWith(dir)) return
  try {
    Taro.getFileSystemManager().unlinkSync(localPath)
  } catch {
    /* already gone */
  }
}

/** WeChat's <image> shows a cloud:// fileID directly (with the caller's storage permission). */
export async function photoUrls(fileIDs: readonly string[]): Promise<Record<string, string>> {
  return Object.fromEntries(fileIDs.map((id) => [id, id]))
}
