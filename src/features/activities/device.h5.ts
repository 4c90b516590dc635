import { canScanCode, scanCode } from '../../services/scan'
import { codeFromScan } from './labels'

/** The browser's camera, where it has one (else the detail page says so and offers the typed code). */
export const canScan = canScanCode()

/** Scans the on-site code; null when the person cancelled (the camera failing throws). */
export async function scanCheckin(): Promise<string | null> {
  const res = await scanCode()
  return res ? codeFromScan(res) : null
}

/** The hours export is opened like every file the function makes. */
export { openFile as openExport } from '../../services/open-file'
