/**
 * The service guide (办事指南): a catalogue of services residents handle at the community or street
 * service hall. The street keeps the catalogue for all its communities; a community keeps its own
 * entries, and one of the same `code` overrides the street's for its residents.
 */
export const GUIDE_LIMITS = {
  title: 30,
  category: 12,
  materials: 20,
  material: 80,
  hall: 40,
  address: 80,
  hours: 80,
  phone: 20,
  duration: 40,
  notes: 500,
  /** The bounded read of one place's catalogue (a catalogue is small). */
  perPlace: 200,
  page: 30,
} as const

export const GUIDE_ENTRIES = 'guide_entries'

export type GuideLevel = 'street' | 'community'

/** Where to go: the hall, its opening hours, and a point on the map. */
export interface GuideHall {
  readonly name: string
  readonly address: string
  readonly hours: string
  readonly latitude: number
  readonly longitude: number
}

/** What staff write for one service. */
export interface GuideFields {
  readonly title: string
  readonly category: string
  readonly materials: readonly string[]
  readonly hall: GuideHall
  /** The hall's public phone (not a person's number). */
  readonly phone: string
  /** 办理时限, e.g. 即时办结 or 15 个工作日. */
  readonly duration: string
  readonly appointment: boolean
  readonly notes: string
}

export interface GuideRecord extends GuideFields {
  readonly _id: string
  readonly level: GuideLevel
  /** The street's or the community's id (unique with `code`: index `place_code`). */
  readonly placeId: string
  readonly streetId: string
  /** The service's code, shared by a street's entry and a community's override (e.g. `juzhuzheng`). */
  readonly code: string
  readonly version: number
  readonly updatedBy: string
  readonly updatedAt: Date
}

/** A code: lowercase letters, digits and dashes. */
export const GUIDE_CODE = /^[a-z0-9-]{2,40}$/
