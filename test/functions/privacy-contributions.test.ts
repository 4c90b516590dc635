import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { checkOwnership, definePrivacy, type PrivacyContribution } from '../../cloudfunctions/shared/privacy'
import { MY_DATA_SECTIONS } from '../../cloudfunctions/shared/repos/me'

const repos = path.join(__dirname, '..', '..', 'cloudfunctions', 'shared', 'repos')
const part = (feature: string, sections: PrivacyContribution['sections']) =>
  definePrivacy({ feature, sections, data: async () => ({}) as never })

// me.data and me.delete reach the features only through their declared contributions
// (cloudfunctions/shared/privacy.ts); the behaviour itself is tested in test/functions/me/.
describe('privacy contributions', () => {
  it('accepts sections that each have exactly one owner', () => {
    expect(() =>
      checkOwnership(
        [part('a', ['user', 'household']), part('b', ['joins'])],
        ['user', 'household', 'joins'],
      ),
    ).not.toThrow()
  })

  it('refuses a section claimed by two features, naming both', () => {
    expect(() => checkOwnership([part('a', ['joins']), part('b', ['joins'])], ['joins'])).toThrow(
      'me.data section "joins" is claimed by a and b',
    )
  })

  it('refuses a section nobody fills', () => {
    expect(() => checkOwnership([part('a', ['user'])], ['user', 'errands', 'hours'])).toThrow(
      'me.data sections with no owner: errands, hours',
    )
  })

  it('lists every section of MyData once', () => {
    expect(new Set(MY_DATA_SECTIONS).size).toBe(MY_DATA_SECTIONS.length)
  })

  it('keeps repos/me.ts free of feature stores: each feature declares its part next to its own', () => {
    const me = readFileSync(path.join(repos, 'me.ts'), 'utf8')
    const imported = [...me.matchAll(/from '\.\/([\w-]+)'/g)].map((m) => m[1] ?? '')
    // docs: generic reads; org: the household summary of the person's own record.
    expect(imported.filter((m) => !['docs', 'org'].includes(m))).toEqual([])
    const contributions = readdirSync(repos).filter((f) => f.endsWith('-privacy.ts'))
    expect(contributions.length).toBeGreaterThanOrEqual(6)
    for (const f of contributions)
      expect(readFileSync(path.join(repos, f), 'utf8')).toMatch(/export const \w+Privacy = definePrivacy\(/)
  })
})
