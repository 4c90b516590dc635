import Taro from '@tarojs/taro'

/** weapp: a .csv sent to a chat (e.g. from the office PC) can be picked and read directly. */
export const canPickFile = true

/** Lets the admin pick a .csv from a chat; resolves with its text, or null when cancelled. */
export async function pickCsvFile(): Promise<string | null> {
  let picked: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] })
  } catch {
    return null // cancelled
  }
  const file = picked.tempFiles[0]
  if (!file) return null
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'utf8',
      success: (res) => resolve(typeof res.data === 'string' ? res.data : ''),
      fail: (err) => reject(new Error(err.errMsg)),
    })
  })
}
