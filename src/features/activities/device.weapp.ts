import Taro from '@tarojs/taro'
import type { HoursExport } from '@core/activities/api'
import { codeFromScan } from './labels'

export const canScan = true

/** WeChat accepts `wxCode` (the mini-program code on site); Taro's typings list only the generic kinds. */
const KINDS = ['wxCode', 'qrCode'] as unknown as (keyof Taro.scanCode.ScanType)[]

/** Scans the on-site code with the camera; null when the person closed the scanner. */
export async function scanCheckin(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: KINDS })
    return codeFromScan(res)
  } catch {
    return null
  }
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
