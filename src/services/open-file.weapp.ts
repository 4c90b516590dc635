import Taro from '@tarojs/taro'

/** Downloads the temporary file and opens it in WeChat's document viewer (which can forward or save it). */
export async function openFile(file: {
  readonly url: string
  readonly fileName: string
}): Promise<'opened' | 'failed'> {
  try {
    const { statusCode, tempFilePath } = await Taro.downloadFile({ url: file.url })
    if (statusCode !== 200) return 'failed'
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
    return 'opened'
  } catch {
    return 'failed'
  }
}
