import Taro from '@tarojs/taro'

export const keepMode: 'print' | 'copy' = 'copy'

/** WeChat has no printing: the text version goes to the clipboard (WeChat shows its own 内容已复制). */
export async function keepRecord(text: string): Promise<void> {
  await Taro.setClipboardData({ data: text })
}
