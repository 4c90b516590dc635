// The join tests' shared world: one seeded local CloudBase per test file, the join form and a person's requests.
import { useApi } from '../../support/api-test'

export const { emu, call, db } = useApi()

// Scan to join, through the built `api` function in the local CloudBase with the real node-sdk.

export const joinsOf = async (userId: string) =>
  (await db().collection('join_requests').where({ userId }).get()).data as Record<string, unknown>[]
export const userIdOf = async (openid: string) => (await call(openid, 'me.profile')).data.userId as string

export const XINHUA_B1 = 'bd-xinhua-01-01'
export const XINHUA_B1_U2 = 'bd-xinhua-01-01-u2'
export const form = (over: Record<string, unknown> = {}) => ({
  requestId: `req-${Math.random().toString(36).slice(2, 12)}`,
  unitId: XINHUA_B1_U2,
  room: '702',
  name: '吴春梅',
  phone: '13912345678',
  consent: true,
  ...over,
})
