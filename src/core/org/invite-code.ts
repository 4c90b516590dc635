/**
 * Short invite codes printed as mini-program codes on buildings and grids.
 *
 * `wxacode.getUnlimited` allows a `scene` of ≤ 32 visible characters; a 32-hex `_id` plus a prefix
 * does not fit, so each code is a short random string from an alphabet without look-alikes
 * (no 0/O, 1/I/l), and the scene is `b=<code>` (building) or `g=<code>` (grid).
 * 32^8 ≈ 1.1 × 10^12 codes: guessing a live one is impractical, and regeneration retires the old.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
export const CODE_LENGTH = 8
export const SCENE_MAX = 32

export type CodeTarget = 'building' | 'grid'
const PREFIX: Record<CodeTarget, string> = { building: 'b', grid: 'g' }

const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`)

/** Builds a code from random bytes (the caller supplies them: crypto on the server, fixed in tests). */
export function codeFromBytes(bytes: ArrayLike<number>): string {
  if (bytes.length < CODE_LENGTH) throw new Error(`need ${CODE_LENGTH} random bytes`)
  let out = ''
  for (let i = 0; i < CODE_LENGTH; i += 1) out += CODE_ALPHABET[(bytes[i] ?? 0) % CODE_ALPHABET.length]
  return out
}

export function isInviteCode(value: string): boolean {
  return CODE_PATTERN.test(value)
}

export function sceneFor(target: CodeTarget, code: string): string {
  if (!isInviteCode(code)) throw new Error(`not an invite code: ${code}`)
  const scene = `${PREFIX[target]}=${code}`
  if (scene.length > SCENE_MAX) throw new Error('scene too long')
  return scene
}

/**
 * Reads a scene as WeChat delivers it (the page's `scene` parameter, URL-encoded) or as typed.
 * Returns null for anything that is not one of our codes.
 */
export function parseScene(raw: string): { target: CodeTarget; code: string } | null {
  let scene = raw.trim()
  try {
    scene = decodeURIComponent(scene)
  } catch {
    return null
  }
  const match = /^([bg])=([0-9a-z]+)$/i.exec(scene)
  const prefix = match?.[1]?.toLowerCase()
  const code = match?.[2]?.toUpperCase()
  if (!prefix || !code || !isInviteCode(code)) return null
  return { target: prefix === 'b' ? 'building' : 'grid', code }
}
