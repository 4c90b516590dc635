import { DEV_TOKEN_KEY } from './transport.h5'

/**
 * H5 (local CloudBase): grants the signed-in user one subscription to each template, as accepting
 * WeChat's subscribe dialog would. Resolves with the templates accepted.
 */
export async function requestSubscription(templateIds: readonly string[]): Promise<string[]> {
  const token = globalThis.localStorage?.getItem(DEV_TOKEN_KEY) ?? ''
  const res = await fetch('/dev/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ templateIds }),
  })
  if (!res.ok) throw new Error(`subscriptions answered ${res.status}`)
  return [...templateIds]
}
