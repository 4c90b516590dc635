/**
 * The form of every opaque record id (ADR 0016): `<prefix>_<20 × [a-z2-7]>`, letters, digits and
 * `_` only (fits a ledger cause segment). The bytes decide it: the platform's CSPRNG for real
 * records (cloudfunctions/shared/ids.ts), a fixed digest for the demo seed.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'
export const OPAQUE_ID_BYTES = 20

export function opaqueId(prefix: string, bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes.subarray(0, OPAQUE_ID_BYTES)) out += ALPHABET[b & 31]
  return `${prefix}_${out}`
}
