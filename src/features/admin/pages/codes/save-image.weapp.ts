import Taro from '@tarojs/taro'

const ALBUM = 'scope.writePhotosAlbum'

function isAuthDenied(err: unknown): boolean {
  const msg = (err as { errMsg?: string } | null)?.errMsg ?? ''
  return /auth den(y|ied)|authorize/i.test(msg)
}

/** Asks the person to allow the photo album in the settings page, after they refused it once. */
async function askForAlbum(): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '需要相册权限',
    content: '保存二维码需要允许“保存到相册”。是否前往设置开启？',
    confirmText: '去设置',
  })
  if (!confirm) return false
  const { authSetting } = await Taro.openSetting()
  return authSetting[ALBUM] === true
}

/**
 * WeChat: download the temporary image, then save it to the photo album. The first save asks for
 * the album permission; after a refusal WeChat no longer asks, so we explain and open the settings.
 */
export async function saveCodeImage(url: string, _fileName: string): Promise<'saved' | 'denied'> {
  const { statusCode, tempFilePath } = await Taro.downloadFile({ url })
  if (statusCode !== 200) throw new Error(`download failed: ${statusCode}`)
  const { authSetting } = await Taro.getSetting()
  if (authSetting[ALBUM] === false && !(await askForAlbum())) return 'denied'
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
    return 'saved'
  } catch (err) {
    if (!isAuthDenied(err)) throw err
    if (!(await askForAlbum())) return 'denied'
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
    return 'saved'
  }
}
