import * as v from 'valibot'
import { defineAction } from '../contract/define'

export const ContactKinds = [
  'grid_worker',
  'police',
  'doctor',
  'building_leader',
  'party_member',
  'volunteer',
] as const
export type ContactKind = (typeof ContactKinds)[number]

export const ContactKindLabel: Readonly<Record<ContactKind, string>> = {
  grid_worker: '网格员',
  police: '片区民警',
  doctor: '家庭医生',
  building_leader: '楼栋长',
  party_member: '党员',
  volunteer: '志愿者',
}

/** One person on my grid card (一键找人). The full number is never part of it. */
export interface Contact {
  readonly contactId: string
  readonly kind: ContactKind
  readonly name: string
  /** e.g. "5号楼" for a building leader or party member; null for grid-wide contacts. */
  readonly buildingName: string | null
  readonly maskedPhone: string | null
  /** Skills a helper offers (维修, 代买…), shown on the public service card. */
  readonly skills: readonly string[]
}

export interface GridCard {
  readonly gridId: string
  readonly gridName: string
  readonly communityName: string
  readonly contacts: readonly Contact[]
}

export const directoryActions = {
  /** My grid's service card: staff and the public party-member/volunteer card, phones masked. */
  'directory.card': defineAction<GridCard>()(v.strictObject({})),
  /**
   * The number behind one contact, for `makePhoneCall` at the moment of calling. Only members of the
   * same grid may ask; every reveal is written to the access log.
   */
  'directory.call': defineAction<{ readonly phone: string }>()(
    v.strictObject({ contactId: v.pipe(v.string(), v.minLength(1), v.maxLength(80)) }),
  ),
}
