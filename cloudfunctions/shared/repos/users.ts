import { DEFAULT_DISPLAY_NAME, type UserRecord } from '../../../src/core/me/model'
import { DomainError } from '../../../src/core/errors'
import type { Actor } from '../../../src/core/roles'
import { cloud, db } from '../sdk'
import { firstDoc, getDoc } from './docs'

const USERS = 'users'

export async function findUserByOpenId(openid: string): Promise<UserRecord | null> {
  const res = await db().collection(USERS).where({ openid }).limit(1).get()
  return firstDoc<UserRecord>(res.data)
}

export async function findUser(userId: string): Promise<UserRecord | null> {
  return getDoc<UserRecord>(USERS, userId)
}

/**
 * The caller's actor and whole user record (one read), creating the record on first contact. The
 * unique index on `openid` (cloudfunctions/collections.json) makes two racing first calls end with
 * one record.
 */
export async function identify(
  openid: string,
): Promise<{ actor: Actor; user: UserRecord; created: boolean }> {
  const existing = await findUserByOpenId(openid)
  if (existing) return { actor: actorOf(existing), user: existing, created: false }
  const fresh = { openid, displayName: DEFAULT_DISPLAY_NAME, grants: [], createdAt: new Date() }
  try {
    const res = await db()
      .collection(USERS)
      .add({ ...fresh, createdAt: db().serverDate() })
    const id = (res as { id?: string }).id
    if (!id) throw new Error('insert returned no id')
    return { actor: { userId: id, grants: [] }, user: { _id: id, ...fresh }, created: true }
  } catch (err) {
    // Lost a first-contact race on the unique openid index: the winner's record is the one.
    const winner = await findUserByOpenId(openid)
    if (winner) return { actor: actorOf(winner), user: winner, created: false }
    throw err
  }
}

function actorOf(u: UserRecord): Actor {
  return { userId: u._id, grants: u.grants ?? [] }
}

export const PhoneErrors = {
  /** The one-time code from the phone-number button is unknown, used or expired. */
  CODE_INVALID: 'PHONE.CODE_INVALID',
} as const

/**
 * phone.fromCode: exchanges the phone-number button's one-time code for the number WeChat verified
 * (`phonenumber.getPhoneNumber`). Nothing is stored here; the number only fills the join form.
 */
export async function phoneFromCode(code: string): Promise<{ phone: string }> {
  const res = (await cloud().callWxOpenApi({
    apiName: 'phonenumber.getPhoneNumber',
    requestData: { code },
  })) as {
    result?: { errcode?: number; errmsg?: string; phone_info?: { purePhoneNumber?: string } }
    code?: string
    message?: string
  }
  const phone = res.result?.phone_info?.purePhoneNumber
  if (!res.result || (res.result.errcode ?? 0) !== 0 || !phone) {
    console.log(
      JSON.stringify({
        level: 'info',
        what: 'phonenumber.getPhoneNumber',
        errcode: res.result?.errcode ?? res.code,
        errmsg: res.result?.errmsg ?? res.message,
      }),
    )
    throw new DomainError(PhoneErrors.CODE_INVALID, '获取手机号失败，请重试或手动填写')
  }
  return { phone }
}
