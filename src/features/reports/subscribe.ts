import { NotifyTemplates, type TemplateDef } from '@core/notify/templates'
import { toast } from '../../components/Notice'
import { requestSubscription } from '../../services/subscribe'

/**
 * Template ids by key, or null while the template is not configured (the subscribe button then
 * stays hidden rather than asking for nothing).
 */
export function templateIdOf(...keys: readonly string[]): string[] {
  const all = NotifyTemplates as Readonly<Record<string, TemplateDef>>
  return keys.map((k) => all[k]?.id).filter((id): id is string => typeof id === 'string')
}

/**
 * One tap = one future message per template (WeChat one-time subscriptions); call from the tap.
 * What the person chose passes as a toast; a failed request answers its copy, for the page to keep.
 */
export async function subscribeFromTap(
  ids: readonly string[],
  accepted: string,
  declined: string,
): Promise<string | null> {
  try {
    const got = await requestSubscription(ids)
    toast(got.length > 0 ? accepted : declined)
    return null
  } catch {
    return '订阅失败，请稍后再试'
  }
}
