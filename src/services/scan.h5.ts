/**
 * The browser's camera as a scanner (H5: staff on a phone's browser or a PC with a webcam): a
 * full-screen view of the back camera, read a few times a second by jsQR (loaded only now, so no
 * page carries it until a scan starts) until a QR code is found or the person taps 取消. The local
 * CloudBase draws its stand-in for a mini-program code as a QR of `wxacode://<appId>/<page>?scene=…`:
 * the page path is handed back as a mini-program scan's would be.
 */
import './scan.h5.scss'

export interface ScanResult {
  readonly result: string
  readonly path?: string
}

/** The camera could not be used (no camera, permission refused, not a secure page). */
export class ScanUnavailableError extends Error {}

/** Does this browser offer a camera at all? (A page without it offers typing only.) */
export function canScanCode(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
}

const WXACODE = /^wxacode:\/\/[^/]+\/(.+)$/
const EVERY_MS = 200

/** The scan's result; null when the person cancelled. */
export async function scanCode(): Promise<ScanResult | null> {
  if (!canScanCode()) throw new ScanUnavailableError('no camera')
  let stream: MediaStream
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
  } catch (err) {
    throw new ScanUnavailableError(err instanceof Error ? err.message : String(err))
  }
  const { default: jsQR } = await import(/* webpackChunkName: "jsqr" */ 'jsqr')
  return new Promise<ScanResult | null>((resolve) => {
    const overlay = document.createElement('div')
    overlay.className = 'scan-overlay'
    overlay.setAttribute('role', 'dialog')
    overlay.setAttribute('aria-modal', 'true')
    overlay.setAttribute('aria-label', '扫码')
    const video = document.createElement('video')
    video.className = 'scan-overlay__video'
    video.setAttribute('playsinline', 'true')
    video.muted = true
    const hint = document.createElement('p')
    hint.className = 'scan-overlay__hint'
    hint.textContent = '将二维码放入画面中'
    const cancel = document.createElement('button')
    cancel.className = 'scan-overlay__cancel'
    cancel.type = 'button'
    cancel.textContent = '取消扫码'
    overlay.append(video, hint, cancel)
    document.body.appendChild(overlay)
    const canvas = document.createElement('canvas')
    const ctx = canvas.getContext('2d', { willReadFrequently: true })
    let timer: ReturnType<typeof setTimeout> | undefined
    const finish = (out: ScanResult | null) => {
      if (timer) clearTimeout(timer)
      stream.getTracks().forEach((t) => t.stop())
      overlay.remove()
      resolve(out)
    }
    cancel.addEventListener('click', () => finish(null))
    const tick = () => {
      if (ctx && video.videoWidth > 0) {
        canvas.width = video.videoWidth
        canvas.height = video.videoHeight
        ctx.drawImage(video, 0, 0)
        const frame = ctx.getImageData(0, 0, canvas.width, canvas.height)
        const code = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })
        if (code?.data) {
          const page = WXACODE.exec(code.data)?.[1]
          return finish({ result: code.data, ...(page ? { path: page } : {}) })
        }
      }
      timer = setTimeout(tick, EVERY_MS)
    }
    video.srcObject = stream
    void video.play().then(tick, tick)
    cancel.focus()
  })
}
