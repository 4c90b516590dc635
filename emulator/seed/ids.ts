/**
 * What every part of the demo data shares: the street's id, the fixed seeding time, and the stable
 * ids, invite codes and phone numbers drawn from fixed seeds, so a fresh seed is the same every time.
 */
import { createHash } from 'node:crypto'
import { opaqueId } from '../../src/core/opaque-id'
import { codeFromBytes } from '../../src/core/org/invite-code'

export const STREET_ID = 'st-dongjie'

export function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** A fixed creation time so a fresh seed is the same every time. */
export const SEEDED_AT = new Date('2026-01-01T00:00:00+08:00')

/** Stable pseudo-random bytes from a string, so demo invite codes never change between seeds. */
function demoBytes(seed: string): Uint8Array {
  return createHash('sha256').update(seed).digest()
}

/**
 * An opaque id for a demo record drawn from `seed` (which names no place and no person), in the
 * form of every real one: the same on every fresh seed.
 */
export const demoId = (prefix: string, seed: string): string => opaqueId(prefix, demoBytes(seed))

/** The demo invite code of a building or grid (what its printed mini-program code carries). */
export function demoInviteCode(targetId: string): string {
  return codeFromBytes(demoBytes(targetId))
}

/** A made-up but well-formed mobile number per person (138 0010 xxxx range). */
export function demoPhone(n: number): string {
  return `1380010${String(n).padStart(4, '0')}`
}

/**
 * The demo's person-made records carry opaque ids like real ones (ADR 0016): random strings drawn
 * once and written here, derived from nothing, so a fresh seed is the same every time and tests and
 * journeys can name them.
 */
export const SeedIds = {
  items: {
    soap: 'it_jdzqm6mk7hytdm3t2ncb',
    detergent: 'it_mdemk5xts5lpepug2hfd',
    rice: 'it_r3z7jczbn7ilncw5as7g',
    haircut: 'it_pus4uous3xh4vv32qeet',
    repair: 'it_rd5sj4ufokxo55vy6uwy',
  },
  activities: {
    chongyang: 'ac_kegz7quhvcuz5lslojfe',
    cleanup: 'ac_fs6qhgkksso2habnrngp',
    clinic: 'ac_fetif4hitwno36rodzpj',
  },
  /** The fund's starting transfer, and 王秀英's pay for the clinic. */
  transfers: {
    fundStart: 'tr_dryjfh6jbl5ej575ljm2',
    clinicPay: 'tr_qgn3stgwak7vl3sxdf44',
  },
  /** 王秀英's sign-ups (the clinic's also names her volunteer-hours line). */
  signups: {
    chongyang: 'su_da3554m2mjrwjqsmqwnr',
    clinic: 'su_ara5fqhdoxujmtbf6eia',
  },
} as const
