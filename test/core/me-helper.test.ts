import * as v from 'valibot'
import { grantsAfterErasure } from '../../src/core/me/erase'
import { Roles } from '../../src/core/roles'
import {
  customSkills,
  helperAfterUpdate,
  helperProfileOf,
  helperUpdateInput,
  HelperSkillOptions,
  MAX_SKILLS,
} from '../../src/core/me/helper'

describe('helper profile (党员亮身份)', () => {
  it.each([
    ['party member chooses to show', { partyMember: true }, true, true],
    ['party member chooses not to show', { partyMember: true, showParty: true }, false, false],
    ['volunteer (not a party member) asks to show', { partyMember: false }, true, false],
    ['no profile yet asks to show', undefined, true, false],
  ] as const)('%s → shown: %s', (_name, current, ask, shown) => {
    const next = helperAfterUpdate(current, { skills: [], showParty: ask })
    expect(next.showParty).toBe(shown)
    expect(next.partyMember).toBe(current?.partyMember === true)
  })

  it('drops duplicate skills, keeping the first', () => {
    expect(
      helperAfterUpdate(undefined, { skills: ['理发', '修车', '理发'], showParty: false }).skills,
    ).toEqual(['理发', '修车'])
  })

  it('never reports showParty for a non-member, whatever was stored', () => {
    expect(helperProfileOf({ partyMember: false, showParty: true, skills: ['理发'] })).toEqual({
      partyMember: false,
      showParty: false,
      skills: ['理发'],
      notifyErrands: false,
    })
    expect(helperProfileOf(undefined)).toEqual({
      partyMember: false,
      showParty: false,
      skills: [],
      notifyErrands: false,
    })
  })

  it.each([
    ['no profile, omitted', undefined, undefined, false],
    ['no profile, asks on', undefined, true, true],
    ['opted in, omitted → unchanged', { notifyErrands: true }, undefined, true],
    ['opted in, asks off', { notifyErrands: true }, false, false],
    ['opted out, asks on', { notifyErrands: false }, true, true],
  ] as const)('new-errand opt-in: %s → %s', (_name, current, ask, on) => {
    expect(
      helperAfterUpdate(current, { skills: [], showParty: false, notifyErrands: ask }).notifyErrands,
    ).toBe(on)
  })

  it('sends only free-text skills to content security', () => {
    expect(customSkills([HelperSkillOptions[0], '修自行车'])).toEqual(['修自行车'])
  })

  it.each([
    ['six listed skills', { skills: HelperSkillOptions.slice(0, MAX_SKILLS), showParty: true }, true],
    ['free text of 10 characters', { skills: ['一二三四五六七八九十'], showParty: false }, true],
    ['seven skills', { skills: HelperSkillOptions.slice(0, MAX_SKILLS + 1), showParty: false }, false],
    ['11 characters', { skills: ['一二三四五六七八九十一'], showParty: false }, false],
    ['an empty skill', { skills: ['  '], showParty: false }, false],
    ['markup', { skills: ['<b>'], showParty: false }, false],
    ['the party flag smuggled in', { skills: [], showParty: true, partyMember: true }, false],
    ['no showParty', { skills: [] }, false],
  ])('input with %s valid: %s', (_name, input, ok) => {
    expect(v.safeParse(helperUpdateInput, input).success).toBe(ok)
  })

  it('trims skills', () => {
    expect(v.parse(helperUpdateInput, { skills: [' 理发 '], showParty: false }).skills).toEqual(['理发'])
  })
})

describe('erasure (me.delete) ends volunteering and residence, not staff positions', () => {
  it.each(Roles.map((r) => [r, !['resident', 'helper'].includes(r)] as const))(
    '%s kept: %s',
    (role, kept) => {
      const grant = { role, scope: { streetId: 's' } }
      expect(grantsAfterErasure([grant])).toEqual(kept ? [grant] : [])
    },
  )
})
