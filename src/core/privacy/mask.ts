/**
 * Masking of personal data for people who have no need to see it (PIPL minimisation).
 * Staff of the person's own subtree see full data through a separate, logged path.
 */

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/

/** `13812345678` → `138****5678`. Anything that is not a mobile number is masked whole. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '')
  if (MOBILE_PATTERN.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`
  if (digits.length >= 7) return `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`
  return '*'.repeat(digits.length)
}

/** `王秀英` → `王**`, `欧阳娜娜` → `欧***`; keeps the surname character only. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return ''
  return `${chars[0]}${'*'.repeat(Math.max(chars.length - 1, 1))}`
}

/** A room is an address: `302` → `3**`. Building and unit names stay (they are on the building). */
export function maskRoom(room: string): string {
  const chars = [...room]
  if (chars.length <= 1) return '*'
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`
}
