import { DEFAULT_DISPLAY_NAME, type UserRecord } from '../../../src/core/me/model'
import type { Actor } from '../../../src/core/roles'
import { db } from '../sdk'
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
 * The caller's actor, creating the user record on first contact. The unique index on `openid`
 * (cloudfunctions/collections.json) makes two racing first calls end with one record.
 */
export async function identify(openid: string): Promise<{ actor: Actor; created: boolean }> {
  const existing = await findUserByOpenId(openid)
  if (existing) return { actor: { userId: existing._id, grants: existing.grants }, created: false }
  try {
    const res = await db()
      .collection(USERS)
      .add({ openid, displayName: DEFAULT_DISPLAY_NAME, grants: [], createdAt: db().serverDate() })
    const id = (res as { id?: string }).id
    if (!id) throw new Error('insert returned no id')
    return { actor: { userId: id, grants: [] }, created: true }
  } catch (err) {
    // Lost a first-contact race on the unique openid index: the winner's record is the one.
    const winner = await findUserByOpenId(openid)
    if (winner) return { actor: { userId: winner._id, grants: winner.grants }, created: false }
    throw err
  }
}
