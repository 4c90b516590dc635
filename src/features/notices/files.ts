/**
 * Opening a notice's files: images shown from their temporary URLs, an attachment downloaded and
 * opened by WeChat's document viewer (PDF, Word, Excel); on H5 the browser opens it.
 */
import Taro from '@tarojs/taro'
import { photoUrls } from '../../services/upload'

export { photoUrls as fileUrls }

export async function openAttachment(url: string, name: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    globalThis.open?.(url, '_blank')
    return
  }
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase()
  const { tempFilePath } = await Taro.downloadFile({ url })
  await Taro.openDocument({
    filePath: tempFilePath,
    showMenu: true,
    ...(ext ? { fileType: ext as Taro.openDocument.Option['fileType'] } : {}),
  })
}

/** 182.4 KB, 1.2 MB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 102.4) / 10)} KB`
  return `${Math.round(bytes / 104857.6) / 10} MB`
}

export interface PickedFile {
  readonly path: string
  readonly name: string
  readonly size: number
}

const ACCEPT = ['pdf', 'doc', 'docx', 'xls', 'xlsx']

/** Attachments to add (PDF, Word, Excel): WeChat's chat-file picker, or the browser's file input on H5. */
export function pickFiles(max: number): Promise<PickedFile[]> {
  if (max <= 0) return Promise.resolve([])
  if (process.env.TARO_ENV !== 'h5') {
    return Taro.chooseMessageFile({ count: max, type: 'file', extension: ACCEPT }).then(
      (r) => r.tempFiles.map((f) => ({ path: f.path, name: f.name, size: f.size })),
      () => [],
    )
  }
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = ACCEPT.map((e) => `.${e}`).join(',')
    input.multiple = max > 1
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])].slice(0, max)
      input.remove()
      resolve(files.map((f) => ({ path: URL.createObjectURL(f), name: f.name, size: f.size })))
    })
    input.addEventListener('cancel', () => (input.remove(), resolve([])))
    document.body.appendChild(input)
    input.click()
  })
}

/** The extension a file is stored under (its name's, when allowed; else pdf). */
export const extOf = (name: string): string => {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''
  return ACCEPT.includes(ext) ? ext : 'pdf'
}
