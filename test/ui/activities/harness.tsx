// The volunteer-activity ui tests' shared world: fixtures of the api's answers, the three kinds of
// profile, and the queries the pages are read by. Each test file starts from a fresh Taro mock.
//
// Volunteer activity pages (list, detail buttons from `moves`, check-in by scene or typed code, publish
// form, staff roster/confirm/code/export) and the volunteer-hours record against a scripted `api`.
import type { ActivityCard, ActivityDetail } from '../../../src/core/activities/api'
import { resetTaroMock } from '../../support/taro-mock'

beforeEach(() => resetTaroMock())

export const card = (patch: Partial<ActivityCard> = {}): ActivityCard => ({
  activityId: 'ac_1',
  communityId: 'cm-xinhua',
  title: '重阳节陪老人包饺子',
  team: '彩虹桥·助老服务队',
  place: '新华社区党群服务中心',
  startAt: '2026-11-23T01:00:00.000Z',
  endAt: '2026-11-23T03:00:00.000Z',
  capacity: 20,
  signedUp: 8,
  points: 5,
  hours: 2,
  status: 'published',
  phaseLabel: '报名中',
  mine: null,
  ...patch,
})
export const detail = (patch: Partial<ActivityDetail> = {}): ActivityDetail => ({
  ...card(),
  description: '一起包饺子，陪老人聊聊天',
  topicId: null,
  moves: [],
  checkinFrom: '2026-11-23T00:30:00.000Z',
  checkinTo: '2026-11-23T03:00:00.000Z',
  checkedInAt: null,
  confirmedAt: null,
  retried: false,
  ...patch,
})
export const ADMIN = [{ role: 'community_admin', scope: { streetId: 'st-xinhua', communityId: 'cm-xinhua' } }]
export const WORKER = [
  { role: 'grid_worker', scope: { streetId: 'st-xinhua', communityId: 'cm-xinhua', gridId: 'g1' } },
]
export const RESIDENT = [
  {
    role: 'resident',
    scope: {
      streetId: 'st-xinhua',
      communityId: 'cm-xinhua',
      gridId: 'g1',
      buildingId: 'b3',
      unitId: 'u1',
      householdId: 'h1',
    },
  },
]
export const profile = (roles: unknown[]) => ({
  userId: 'u_me',
  displayName: '测试用户',
  roles,
  household: null,
  created: false,
})

export const radio = (text: string) => {
  const r = [...document.querySelectorAll('[aria-role="radio"]')].find((el) => el.textContent === text)
  if (!r) throw new Error(`no radio ${text}`)
  return r
}
/** The texts of the detail page's move buttons, in order. */
export const moveButtons = () =>
  [...document.querySelectorAll('[aria-label="可进行的操作"] taro-button-core')].map((b) => b.textContent)
/** The error line under a field (its label's enclosing .field). */
export const fieldError = (label: string) => {
  const input = document.querySelector(`taro-input-core[aria-label="${label}"]`)
  return input?.closest('.field')?.querySelector('.field__error')?.textContent ?? null
}
