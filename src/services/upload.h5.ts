import { NotSignedInError, TransportError } from './transport-types'
import { DEV_TOKEN_KEY } from './transport.h5'
import {
  COMPRESS_QUALITY,
  PhotoMissingError,
  UploadRefusedError,
  fitLongEdge,
  type PickedPhoto,
} from './upload-rules'

/**
 * A file input, images only (the browser offers camera or album); [] when nothing is picked. The
 * browser cannot cap the count: `max` only decides whether several may be chosen.
 */
export function pickPhotos(max: number): Promise<PickedPhoto[]> {
  if (max <= 0) return Promise.resolve([])
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/*'
    input.multiple = max > 1
    input.style.display = 'none'
    input.addEventListener('change', () => {
      // Every chosen file comes back: admitPhotos keeps what fits and says how many were left out.
      const files = [...(input.files ?? [])]
      input.remove()
      resolve(files.map((f) => ({ path: URL.createObjectURL(f), size: f.size })))
    })
    input.addEventListener('cancel', () => {
      input.remove()
      resolve([])
    })
    document.body.appendChild(input)
    input.click()
  })
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new PhotoMissingError(url))
    img.src = url
  })
}

/** Canvas downscale to ≤ 1600 px on the long edge, JPEG at 0.7; answers a blob: URL and its size. */
export async function compressPhoto(path: string): Promise<PickedPhoto> {
  const img = await loadImage(path)
  const { width, height } = fitLongEdge(img.naturalWidth, img.naturalHeight)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')
  if (!ctx) return { path, size: (await (await fetch(path)).blob()).size }
  ctx.drawImage(img, 0, 0, width, height)
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', COMPRESS_QUALITY),
  )
  if (!blob) return { path, size: (await (await fetch(path)).blob()).size }
  URL.revokeObjectURL(path)
  return { path: URL.createObjectURL(blob), size: blob.size }
}

/** The local CloudBase's `POST /api/__upload` plays wx.cloud.uploadFile (stored as the signed-in user's). */
export async function uploadPhoto(localPath: string, cloudPath: string): Promise<string> {
  let body: Blob
  try {
    body = await (await fetch(localPath)).blob()
  } catch {
    throw new PhotoMissingError(localPath)
  }
  const token = globalThis.localStorage?.getItem(DEV_TOKEN_KEY) ?? ''
  let res: Response
  try {
    res = await fetch(`/api/__upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: {
        'content-type': body.type || 'image/jpeg',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
    })
  } catch (err) {
    throw new TransportError(err instanceof Error ? err.message : String(err), 0)
  }
  if (res.status === 401) throw new NotSignedInError()
  if (res.status >= 500) throw new TransportError(`upload answered ${res.status}`, res.status)
  const json = (await res.json().catch(() => ({}))) as { fileID?: string; errMsg?: string }
  if (!res.ok || !json.fileID)
    throw new UploadRefusedError(res.status, json.errMsg ?? `upload answered ${res.status}`)
  return json.fileID
}

/** Frees a draft photo once the server has it. */
export function discardPhoto(localPath: string): void {
  if (localPath.startsWith('blob:')) URL.revokeObjectURL(localPath)
}

/** fileID → displayable URL (the local CloudBase's `POST /api/__tempurl`, like wx.cloud.getTempFileURL). */
export async function photoUrls(fileIDs: readonly string[]): Promise<Record<string, string>> {
  if (!fileIDs.length) return {}
  const token = globalThis.localStorage?.getItem(DEV_TOKEN_KEY) ?? ''
  const res = await fetch('/api/__tempurl', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ fileList: fileIDs }),
  })
  if (!res.ok) return {}
  const { fileList } = (await res.json()) as { fileList: Array<{ fileID: string; tempFileURL: string }> }
  return Object.fromEntries(fileList.filter((f) => f.tempFileURL).map((f) => [f.fileID, f.tempFileURL]))
}
