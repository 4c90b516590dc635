import { DomainError } from '../../src/core/errors'
import { cloud } from './sdk'

/**
 * WeChat content security for user text (`security.msgSecCheck`, version 2), before anyone else
 * sees it. The function's config.json must list `security.msgSecCheck` under permissions.openapi.
 *
 * Scenes (WeChat's): 1 资料 (profile: names, skills), 2 评论 (comments), 3 论坛 (posts), 4 社交日志.
 */
export const SecScene = { profile: 1, comment: 2, forum: 3, social: 4 } as const
export type SecScene = (typeof SecScene)[keyof typeof SecScene]

export const ContentErrors = {
  /** The text was judged risky: nothing is stored. */
  RISKY: 'CONTENT.RISKY',
  /** The check itself could not run: nothing is stored; retrying later is safe. */
  CHECK_UNAVAILABLE: 'CONTENT.CHECK_UNAVAILABLE',
} as const

export type SecVerdict = 'pass' | 'review' | 'risky'

interface MsgSecCheckResult {
  readonly errcode?: number
  readonly errmsg?: string
  readonly result?: { readonly suggest?: string; readonly label?: number }
}

/**
 * Checks `text` written by the user with this OPENID. Risky → `CONTENT.RISKY`; the check failing →
 * `CONTENT.CHECK_UNAVAILABLE` (fail closed: unchecked text is never published). `review` passes and
 * is returned, so a caller that publishes widely can hold it for a human instead.
 */
export async function checkText(openid: string, text: string, scene: SecScene): Promise<SecVerdict> {
  const content = text.trim()
  if (!content) return 'pass'
  let result: MsgSecCheckResult | undefined
  try {
    const res = (await cloud().callWxOpenApi({
      apiName: 'security.msgSecCheck',
      requestData: { content, version: 2, scene, openid },
    })) as { result?: MsgSecCheckResult; code?: string; message?: string }
    result = res.result
    if (!result && res.code) throw new Error(`${res.code}: ${res.message ?? ''}`)
  } catch (err) {
    console.log(JSON.stringify({ level: 'error', what: 'msgSecCheck', error: String(err) }))
    throw new DomainError(ContentErrors.CHECK_UNAVAILABLE, '内容安全检查暂不可用，请稍后再试')
  }
  if (!result || (result.errcode ?? 0) !== 0) {
    console.log(
      JSON.stringify({
        level: 'error',
        what: 'msgSecCheck',
        errcode: result?.errcode,
        errmsg: result?.errmsg,
      }),
    )
    throw new DomainError(ContentErrors.CHECK_UNAVAILABLE, '内容安全检查暂不可用，请稍后再试')
  }
  const suggest = result.result?.suggest
  if (suggest === 'risky') throw new DomainError(ContentErrors.RISKY, '内容含有不当信息，请修改后再提交')
  return suggest === 'review' ? 'review' : 'pass'
}
