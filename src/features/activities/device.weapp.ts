import { scanCode } from '../../services/scan'
import { codeFromScan } from './labels'

export const canScan = true

/** Scans the on-site code with WeChat's scanner; null when the person closed it (a failure throws). */
export async function scanCheckin(): Promise<string | null> {
  const res = await scanCode()
  return res ? codeFromScan(res) : null
}

/** The hours export is opened like every file the function makes. */
export { openFile as openExport } from '../../services/open-file'
