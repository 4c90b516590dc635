import { NotSignedInError, TransportError, type Transport } from './transport-types'

/** localStorage key of the session token the local CloudBase's dev login issues. */
export const DEV_TOKEN_KEY = 'emulin.devToken'

/**
 * H5 build: the local CloudBase's HTTP gateway (`POST /api/<fn>`, same origin) invokes the function
 * as the user signed in through its dev login. The page never sends a user id.
 */
export const transport: Transport = async (name, data) => {
  const token = globalThis.localStorage?.getItem(DEV_TOKEN_KEY) ?? ''
  const res = await fetch(`/api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(data),
  })
  if (res.status === 401) throw new NotSignedInError()
  if (!res.ok) throw new TransportError(`gateway answered ${res.status}`, res.status)
  return res.json()
}
