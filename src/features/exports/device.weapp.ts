import Taro from '@tarojs/taro'
import type { ExportFile } from '@core/exports/api'

/** Downloads the temporary file and opens it in WeChat's document viewer (which can forward or save it). */
export async function openExport(file: Pick<ExportFile, 'url' | 'fileName'>): Promise<'opened' | 'failed'> {
  try {
    const { statusCode, tempFilePath } = await Taro.downloadFile({ url: file.url })
    if (statusCode !== 200) return 'failed'
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
    return 'opened'
  } catch {
    return 'failed'
  }
}
