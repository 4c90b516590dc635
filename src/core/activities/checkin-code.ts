/**
 * Check-in codes: drawn from random bytes, their scene, and the code read back from whatever a scan
 * or a keyboard gives.
 */
import { CODE_ALPHABET } from '../org/invite-code'

export const CHECKIN_CODE_LENGTH = 6
const CHECKIN_CODE = new RegExp(`^[${CODE_ALPHABET}]{${CHECKIN_CODE_LENGTH}}$`)

/** A check-in code from random bytes (crypto on the server, fixed in tests). */
export function checkinCodeFromBytes(bytes: ArrayLike<number>): string {
  if (bytes.length < CHECKIN_CODE_LENGTH) throw new Error(`need ${CHECKIN_CODE_LENGTH} random bytes`)
  let out = ''
  for (let i = 0; i < CHECKIN_CODE_LENGTH; i += 1)
    out += CODE_ALPHABET[(bytes[i] ?? 0) % CODE_ALPHABET.length]
  return out
}

export function isCheckinCode(value: string): boolean {
  return CHECKIN_CODE.test(value)
}

export function checkinScene(code: string): string {
  if (!isCheckinCode(code)) throw new Error(`not a check-in code: ${code}`)
  return `c=${code}`
}

function decodeAll(value: string): string | null {
  let out = value
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(out); i += 1) {
    try {
      out = decodeURIComponent(out)
    } catch {
      return null
    }
  }
  return out
}

/**
 * The code in whatever a scan or a keyboard gives: `ABC234`, `c=ABC234`, `c%3DABC234`, a page path
 * with `?scene=c%3DABC234`, in any case, with spaces. Null when it is none of ours.
 */
export function parseCheckinInput(raw: string): string | null {
  let s = decodeAll(raw.trim())
  if (s === null) return null
  const query = s.indexOf('?')
  if (query >= 0) {
    const params = s.slice(query + 1).split('&')
    const scene = params.map((p) => /^scene=(.*)$/i.exec(p)?.[1]).find((v) => v !== undefined)
    if (scene === undefined) return null
    s = decodeAll(scene)
    if (s === null) return null
  }
  s = s.replace(/\s+/g, '')
  const match = /^(?:c=)?([0-9a-z]+)$/i.exec(s)
  const code = match?.[1]?.toUpperCase()
  return code && isCheckinCode(code) ? code : null
}
