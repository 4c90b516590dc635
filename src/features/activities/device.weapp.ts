import Taro from '@tarojs/taro'
import type { HoursExport } from '@core/activities/api'
import { scanCode } from '../../services/scan'
import { codeFromScan } from './labels'

export const canScan = true

/** Scans the on-site code with WeChat's scanner; null when the person closed it (a failure throws). */
export async function scanCheckin(): Promise<string | null> {
  const res = await scanCode()
  return res ? codeFromScan(res) : null
}

/** Downloads the temporary file and opens it in WeChat's document viewer (which can forward or save it). */
export async function openExport(exp: HoursExport): Promise<'opened' | 'failed'> {
  try {
    const { statusCode, tempFilePath } = await Taro.downloadFile({ url: exp.url })
    if (statusCode !== 200) return 'failed'
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
    return 'opened'
  } catch {
    return 'failed'
  }
}
