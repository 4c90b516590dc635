import type { HoursExport } from '@core/activities/api'
import { canScanCode, scanCode } from '../../services/scan'
import { codeFromScan } from './labels'

/** The browser's camera, where it has one (else the detail page says so and offers the typed code). */
export const canScan = canScanCode()

/** Scans the on-site code; null when the person cancelled (the camera failing throws). */
export async function scanCheckin(): Promise<string | null> {
  const res = await scanCode()
  return res ? codeFromScan(res) : null
}

/**
 * Hands the .xlsx to the browser (a download, or a new tab where it cannot download cross-origin).
 * Call it from the tap itself, or pop-up blockers stop it.
 */
export async function openExport(exp: HoursExport): Promise<'opened' | 'failed'> {
  const a = document.createElement('a')
  a.href = exp.url
  a.target = '_blank'
  a.rel = 'noopener'
  a.download = exp.fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  return 'opened'
}
