/**
 * The preamble every test of the built `api` function shares: one seeded emulator for the file,
 * `call(openid, action, input)` as that user, and reads of what was stored.
 */
import http from 'node:http'
import { apiCaller, useSeededEmulator, type ApiResult } from './seeded-emulator'
import { XINHUA_ADMIN } from './demo-people'
import type { TestEmulatorOptions } from './emulator'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

export function useApi(options: TestEmulatorOptions = {}) {
  const emu = useSeededEmulator(options)
  const db = () => emu().app.database()
  /** A stored document, or null when there is none. */
  const docOf = async (collection: string, id: string): Promise<Any> =>
    ((await db().collection(collection).doc(id).get()).data as Any[])[0] ?? null
  return {
    emu,
    call: apiCaller(emu),
    db,
    docOf,
    /** How many documents of `collection` match `where`. */
    count: async (collection: string, where: object) =>
      (await db().collection(collection).where(where).count()).total as number,
    /** A stored user (`users`), failing the test when there is none. */
    userDoc: async (id: string): Promise<Any> => {
      const user = await docOf('users', id)
      if (!user) throw new Error(`no user ${id}`)
      return user
    },
    /** A points account's balance: 0 before it has one. */
    balance: async (account: string) =>
      ((await docOf('point_accounts', account)) as { balance: number } | null)?.balance ?? 0,
  }
}

/** The data of an answer that must have succeeded (else the test fails with its error). */
export const ok = (r: ApiResult): Any => {
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.data
}

/** The error code of an answer (undefined when it succeeded). */
export const codeOf = (r: ApiResult) => r.error?.code

/** Request ids unique within a test file: `<prefix>-<time>-<n>`. */
export function requestIds(prefix = 'req'): () => string {
  let seq = 0
  return () => `${prefix}-${Date.now().toString(36)}-${(seq += 1)}`
}

/** The time `n` minutes from now (negative: ago). */
export const inMin = (n: number) => new Date(Date.now() + n * 60_000)
/** The same, as the ISO string an input carries. */
export const isoInMin = (n: number) => inMin(n).toISOString()

type Call = ReturnType<typeof apiCaller>

/** activity.publish's input for 新华社区: 敬老院陪伴, 10 seats, 10 points, in 2 hours for 150 minutes. */
export const activityInput = (requestId: string, over: Record<string, unknown> = {}) => ({
  requestId,
  communityId: 'cm-xinhua',
  title: '敬老院陪伴',
  team: '彩虹桥·助老服务队',
  description: '陪老人聊天、读报',
  place: '东街道敬老院',
  startAt: isoInMin(120),
  endAt: isoInMin(120 + 150),
  capacity: 10,
  points: 10,
  ...over,
})

/** 新华社区's admin awards `amount` points to `userId` for `reason` (points.award); answers the transfer. */
export const awardPoints = async (
  call: Call,
  userId: string,
  amount: number,
  reason: string,
  requestId: string,
) => ok(await call(XINHUA_ADMIN, 'points.award', { userId, amount, reason, requestId }))

/** A helper opts in to (or out of) new-errand reminders, keeping their skills. */
export const remindOfErrands = async (call: Call, openid: string, on = true) => {
  const profile = ok(await call(openid, 'helper.profile'))
  ok(
    await call(openid, 'helper.update', {
      skills: profile.skills,
      showParty: profile.showParty,
      notifyErrands: on,
    }),
  )
}

/** A plain GET (a stored file's URL, the emulator's /dev pages): status, content type and body. */
export function httpGet(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks),
          }),
        )
      })
      .on('error', reject)
  })
}
