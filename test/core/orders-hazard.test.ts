import { apiActions } from '../../src/core/api'
import { parseInput } from '../../src/core/contract/validate'
import { DefaultCategories, reportCategoriesOf } from '../../src/core/orders/categories'
import { applyConfigure, recordPartsOf, stateOf, stateOfView, viewOf } from '../../src/core/orders/config'
import { FIRE_PHONE, gasRepairPhoneProblem, hazardAdviceOf } from '../../src/core/orders/hazard'
import { DefaultSla, slaFor } from '../../src/core/orders/sla'

// The hazard prompt's rules: which numbers a community may set as its gas repair line, how the
// number is kept in its order configuration, and what report.categories tells the form.

describe('the gas repair number', () => {
  it.each([
    '96777',
    '95158',
    '0571-87654321',
    '057187654321',
    '010-12345678',
    '13812345678',
    '400-123-4567',
    '4001234567',
    ' 0571 8765 4321 ',
  ])('accepts %s', (phone) => {
    expect(gasRepairPhoneProblem(phone)).toBeNull()
  })

  it.each(['119', '12345', '96777a', '1381234567', '571-87654321', '燃气公司', '0571-876'])(
    'refuses %s, saying what a number looks like',
    (phone) => {
      expect(gasRepairPhoneProblem(phone)).toBe(
        '燃气抢修电话请填写手机号、带区号的座机号（如 0571-87654321）或 95/96 开头的 5 位热线',
      )
    },
  )
})

describe('the gas repair number in the order configuration', () => {
  const fresh = stateOf(null)

  it('is unset by default, set by a valid number (spaces dropped), cleared by "" or null, kept when absent', () => {
    expect(fresh.gasRepairPhone).toBeNull()
    const set = applyConfigure(fresh, { gasRepairPhone: ' 0571 8765 4321 ' })
    expect(set).toEqual({ ok: true, state: { ...fresh, gasRepairPhone: '057187654321' } })
    if (!set.ok) return
    expect(applyConfigure(set.state, { sla: { reopenDays: 10 } })).toMatchObject({
      ok: true,
      state: { gasRepairPhone: '057187654321' },
    })
    expect(applyConfigure(set.state, { gasRepairPhone: '' })).toMatchObject({
      ok: true,
      state: { gasRepairPhone: null },
    })
    expect(applyConfigure(set.state, { gasRepairPhone: null })).toMatchObject({
      ok: true,
      state: { gasRepairPhone: null },
    })
  })

  it('refuses a number that is not one, by field, with the rest of the request', () => {
    expect(
      applyConfigure(fresh, { gasRepairPhone: '12345', sla: { tiers: { grid: { acceptHours: 0 } } } }),
    ).toEqual({
      ok: false,
      details: [
        { path: 'sla.tiers.grid.acceptHours', message: '网格接单时限（小时）应在 1–72 之间' },
        {
          path: 'gasRepairPhone',
          message: '燃气抢修电话请填写手机号、带区号的座机号（如 0571-87654321）或 95/96 开头的 5 位热线',
        },
      ],
    })
  })

  it('is stored (null when cleared, so a save replaces it), read back, and shown in the view', () => {
    const set = applyConfigure(fresh, { gasRepairPhone: '96777' })
    if (!set.ok) throw new Error('refused')
    const parts = recordPartsOf(set.state)
    expect(parts.gasRepairPhone).toBe('96777')
    expect(recordPartsOf(fresh).gasRepairPhone).toBeNull()
    expect(stateOf(parts).gasRepairPhone).toBe('96777')
    // A stored value that is not a number (written by hand) is not offered.
    expect(stateOf({ gasRepairPhone: 'call us' }).gasRepairPhone).toBeNull()
    const view = viewOf({ id: 'c', name: '新华社区' }, set.state, true, null)
    expect(view.gasRepairPhone).toBe('96777')
    expect(stateOfView(view)).toEqual(set.state)
  })

  it('order.configure takes the number (or null) and refuses anything else in its place', () => {
    const input = (gasRepairPhone: unknown) =>
      parseInput(apiActions['order.configure'].input, { communityId: 'c', gasRepairPhone })
    expect(input('96777')).toMatchObject({ gasRepairPhone: '96777' })
    expect(input(null)).toMatchObject({ gasRepairPhone: null })
    expect(() => input(96777)).toThrow()
    expect(() => input('9'.repeat(33))).toThrow()
  })
})

describe('report.categories: what the form opens a hazard with', () => {
  it('always offers 119; the gas repair line when the community set a valid one; its accept clock', () => {
    expect(FIRE_PHONE).toBe('119')
    expect(hazardAdviceOf(undefined, DefaultSla)).toEqual({ gasRepairPhone: null, acceptHours: 1 })
    expect(hazardAdviceOf('96777', slaFor({ hazardAcceptHours: 2 }))).toEqual({
      gasRepairPhone: '96777',
      acceptHours: 2,
    })
    expect(hazardAdviceOf('not a number', DefaultSla).gasRepairPhone).toBeNull()
  })

  it('answers the community’s categories (public fields) with the advice; a custom hazard stays a hazard', () => {
    const record = {
      categories: [
        ...DefaultCategories.slice(0, -1),
        { id: 'c_dogs', name: '文明养犬', hint: '', hazard: true, disabled: false },
        DefaultCategories[DefaultCategories.length - 1]!,
      ],
      hidden: ['parking'],
      gasRepairPhone: '0571-87654321',
    }
    const answer = reportCategoriesOf('cm-xinhua', record, slaFor(undefined))
    expect(answer.communityId).toBe('cm-xinhua')
    expect(answer.categories.map((c) => c.id)).not.toContain('parking')
    expect(answer.categories.find((c) => c.id === 'c_dogs')).toEqual({
      id: 'c_dogs',
      name: '文明养犬',
      hint: '',
      hazard: true,
    })
    expect(answer.categories.filter((c) => c.hazard).map((c) => c.id)).toEqual(['safety', 'c_dogs'])
    expect(answer.hazardAdvice).toEqual({ gasRepairPhone: '0571-87654321', acceptHours: 1 })
    expect(reportCategoriesOf('', null, DefaultSla).hazardAdvice).toEqual({
      gasRepairPhone: null,
      acceptHours: 1,
    })
  })
})
