/** The service guide's contract (办事指南). */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import type { GuideFields, GuideLevel } from './model'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))
const text = (max: number) => v.pipe(v.string(), v.maxLength(max))

export interface GuideCard {
  readonly code: string
  readonly title: string
  readonly category: string
  readonly hallName: string
  readonly appointment: boolean
  /** 社区 when the community's own entry, 街道 when the street's. */
  readonly source: GuideLevel
}

export interface GuidePage {
  readonly communityId: string
  readonly communityName: string
  readonly items: readonly GuideCard[]
  readonly cursor: string | null
  /** The caller may edit this community's entries / the street's. */
  readonly can: { readonly editCommunity: boolean; readonly editStreet: boolean }
}

export interface GuideDetail extends GuideFields {
  readonly code: string
  readonly communityId: string
  readonly source: GuideLevel
  readonly updatedAt: string
  /** The street's entry exists under this code (a community entry overrides it). */
  readonly streetHasIt: boolean
  readonly can: { readonly editCommunity: boolean; readonly editStreet: boolean }
}

export const guideFields = v.strictObject({
  title: text(100),
  category: text(50),
  materials: v.pipe(v.array(text(400)), v.maxLength(60)),
  hall: v.strictObject({
    name: text(100),
    address: text(200),
    hours: text(200),
    latitude: v.pipe(v.number(), v.finite()),
    longitude: v.pipe(v.number(), v.finite()),
  }),
  phone: text(40),
  duration: text(100),
  appointment: v.boolean(),
  notes: v.optional(text(2000), ''),
})

export const guideActions = {
  /**
   * The merged catalogue of a community (mine, or one I am staff over): the street's entries, a
   * community entry of the same code in place of the street's; `q` keeps entries whose title,
   * category or materials hold every word; 30 a page.
   */
  'guide.list': defineAction<GuidePage>()(
    v.strictObject({
      communityId: v.optional(id),
      q: v.optional(text(40)),
      cursor: v.optional(text(60)),
    }),
  ),
  'guide.get': defineAction<GuideDetail>()(v.strictObject({ communityId: v.optional(id), code: text(60) })),
  /** Admins: write the street's entry (`level: street`) or the community's (`community`) of this code. */
  'guide.save': defineAction<GuideDetail>()(
    v.strictObject({
      level: v.picklist(['street', 'community'] as const),
      communityId: id,
      code: text(60),
      fields: guideFields,
    }),
  ),
  /** Admins: remove the community's own entry (the street's shows again) or the street's. */
  'guide.remove': defineAction<{ readonly removed: boolean }>()(
    v.strictObject({ level: v.picklist(['street', 'community'] as const), communityId: id, code: text(60) }),
  ),
}
