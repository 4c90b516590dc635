import Taro from '@tarojs/taro'

/**
 * WeChat: `wx.requestSubscribeMessage` shows the subscribe dialog (call it straight from a tap).
 * Each accepted template grants one message (one-time subscription). Resolves with those accepted.
 */
export async function requestSubscription(templateIds: readonly string[]): Promise<string[]> {
  // Taro's typings require Alipay's `entityIds` too; WeChat takes `tmplIds` only.
  const option = { tmplIds: [...templateIds] } as unknown as Parameters<
    typeof Taro.requestSubscribeMessage
  >[0]
  const res = (await Taro.requestSubscribeMessage(option)) as Record<string, unknown>
  return templateIds.filter((id) => res[id] === 'accept')
}
