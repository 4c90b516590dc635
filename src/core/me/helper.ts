import * as v from 'valibot'
import type { HelperProfileRecord } from './model'

/** Skills a helper can pick (党员亮身份 / 志愿服务); anything else is free text. */
export const HelperSkillOptions = [
  '代买米菜',
  '代收快递',
  '代接送小孩',
  '家电维修',
  '水电维修',
  '电脑手机教学',
  '陪伴老人',
  '理发',
  '法律咨询',
  '心理疏导',
  '医疗护理',
  '文艺辅导',
] as const

export const MAX_SKILLS = 6
export const MAX_SKILL_LENGTH = 10

/** A skill: 1–10 characters after trimming, no control characters or angle brackets. */
const skill = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, '技能不能为空'),
  v.maxLength(MAX_SKILL_LENGTH, `每项技能不超过 ${MAX_SKILL_LENGTH} 个字`),
  v.regex(/^[^\p{Cc}<>]+$/u, '技能格式不正确'),
)

export const helperUpdateInput = v.strictObject({
  skills: v.pipe(v.array(skill), v.maxLength(MAX_SKILLS, `最多填写 ${MAX_SKILLS} 项技能`)),
  showParty: v.boolean(),
  /** Opt in to "new errand" reminders of my grid; omitted = unchanged. */
  notifyErrands: v.optional(v.boolean()),
})

/** What a helper sees and edits about their own volunteer profile. */
export interface HelperProfile {
  /** Set by staff (role grants); the helper cannot change it. */
  readonly partyMember: boolean
  /** Shown on the grid's public service card as 党员; only possible for party members. */
  readonly showParty: boolean
  readonly skills: readonly string[]
  /** Opted in to "new errand" reminders of the grid (default off; the board shows every open errand anyway). */
  readonly notifyErrands: boolean
}

/** A thank-you note a requester left on an errand I did (shown on my helper profile). */
export interface ReceivedThanks {
  readonly errandId: string
  /** ISO time of the note. */
  readonly at: string
  /** The requester, masked (王**). */
  readonly from: string
  readonly typeLabel: string
  readonly note: string
}

/** helper.profile: my volunteer profile and the latest thank-you notes I received (newest first). */
export interface HelperProfileView extends HelperProfile {
  readonly thanks: readonly ReceivedThanks[]
}

export const MAX_THANKS_SHOWN = 20

export function helperProfileOf(record: HelperProfileRecord | undefined): HelperProfile {
  const partyMember = record?.partyMember === true
  return {
    partyMember,
    showParty: partyMember && record?.showParty === true,
    skills: record?.skills ?? [],
    notifyErrands: record?.notifyErrands === true,
  }
}

/**
 * The stored profile after an update: duplicates dropped (first wins), "show my party membership"
 * only for party members, the staff-set flag untouched.
 */
export function helperAfterUpdate(
  current: HelperProfileRecord | undefined,
  input: {
    readonly skills: readonly string[]
    readonly showParty: boolean
    readonly notifyErrands?: boolean
  },
): HelperProfile {
  const partyMember = current?.partyMember === true
  return {
    partyMember,
    showParty: partyMember && input.showParty,
    skills: [...new Set(input.skills)],
    notifyErrands: input.notifyErrands ?? current?.notifyErrands === true,
  }
}

/** Free-text skills (not from the list): these need a content-security check before anyone sees them. */
export function customSkills(skills: readonly string[]): string[] {
  const known = new Set<string>(HelperSkillOptions)
  return skills.filter((s) => !known.has(s))
}
