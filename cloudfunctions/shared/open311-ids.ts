/**
 * The ids the Open311 feed shows (docs/adr/0025-open311.md): an order's own id sealed with the
 * feed's secret key, deterministic (the same order always has the same public id) and reversible
 * only with the key, so `requests/{id}` can find the order while nobody can tell from a public id
 * which order, reporter or person it is, nor tie it to an id seen in the app or a message.
 *
 * SIV style (RFC 5297's idea with standard primitives): tag = HMAC-SHA256(macKey, id) cut to
 * 12 bytes; the id is encrypted with AES-256-CTR under encKey with the tag as its counter block.
 * Opening decrypts and recomputes the tag: a forged or altered public id opens to nothing.
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto'

const TAG_BYTES = 12

export interface FeedKeys {
  readonly enc: Buffer
  readonly mac: Buffer
}

/** The two keys, derived from the one secret stored for the feed (32 random bytes). */
export function feedKeys(secret: Buffer): FeedKeys {
  if (secret.length < 32) throw new Error('open311: the feed secret must be at least 32 bytes')
  return {
    enc: createHmac('sha256', secret).update('open311 id encryption').digest(),
    mac: createHmac('sha256', secret).update('open311 id tag').digest(),
  }
}

const counter = (tag: Buffer) => Buffer.concat([tag, Buffer.alloc(16 - TAG_BYTES)])

const tagOf = (keys: FeedKeys, id: string) =>
  createHmac('sha256', keys.mac).update(id, 'utf8').digest().subarray(0, TAG_BYTES)

/** The public id of an order id: base64url, no padding. */
export function sealId(keys: FeedKeys, id: string): string {
  const tag = tagOf(keys, id)
  const c = createCipheriv('aes-256-ctr', keys.enc, counter(tag))
  const body = Buffer.concat([c.update(id, 'utf8'), c.final()])
  return Buffer.concat([tag, body]).toString('base64url')
}

/** The order id behind a public id, or null when it is not one this key sealed. */
export function openId(keys: FeedKeys, publicId: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(publicId)) return null
  const raw = Buffer.from(publicId, 'base64url')
  if (raw.length <= TAG_BYTES || raw.length > TAG_BYTES + 64) return null
  const tag = raw.subarray(0, TAG_BYTES)
  const d = createDecipheriv('aes-256-ctr', keys.enc, counter(tag))
  const id = Buffer.concat([d.update(raw.subarray(TAG_BYTES)), d.final()]).toString('utf8')
  const want = tagOf(keys, id)
  return timingSafeEqual(want, tag) && sealId(keys, id) === publicId ? id : null
}

/** An IP address as the rate limiter stores it: keyed, so the store never holds the address itself. */
export function ipKey(keys: FeedKeys, ip: string): string {
  return createHmac('sha256', keys.mac).update(`ip:${ip}`, 'utf8').digest('hex').slice(0, 24)
}
