import { NotifyTemplates, pagePathFor, type TemplateKey } from '../../src/core/notify/templates'
import { appPages, pageSource, parsePagePath } from '../support/app-pages'

// A push opens what it is about: every template's page is a page of app.config, the message carries
// its subject's id in the parameter that page reads, and the id survives the trip (encoded, decoded).

const pages = appPages()
const ids = ['wo_user-resident-wang_req-mfx1-3', 'jr_9f2c', 'er_user-x_req-1', 'act_a/b c?&=#', '王秀英']

describe.each(Object.keys(NotifyTemplates) as TemplateKey[])('template %s', (key) => {
  const t = NotifyTemplates[key]

  it('opens a page of app.config (no leading slash), one that reads the subject parameter', () => {
    expect(pages.has(t.page)).toBe(true)
    expect(t.page).not.toMatch(/^\//)
    expect(pageSource(t.page)).toContain(`useRouter().params.${t.param}`)
    expect(t.subject).toMatch(/^[a-z_]+$/)
  })

  it.each(ids)('carries the subject id %s in its page path', (id) => {
    const path = pagePathFor(key, id)
    expect(path).not.toMatch(/^\//)
    const { route, params } = parsePagePath(path)
    expect(route).toBe(t.page)
    expect(params).toEqual({ [t.param]: id })
  })
})

it('opens the detail page of its subject (the join inbox, its request first, for joins)', () => {
  expect(
    Object.fromEntries(Object.keys(NotifyTemplates).map((k) => [k, pagePathFor(k as TemplateKey, 'X')])),
  ).toEqual({
    joinPending: 'features/grid/pages/joins/index?id=X',
    orderNew: 'features/reports/pages/detail/index?id=X',
    orderProgress: 'features/reports/pages/detail/index?id=X',
    orderOverdue: 'features/reports/pages/detail/index?id=X',
    errandNew: 'features/errands/pages/detail/index?id=X',
    errandProgress: 'features/errands/pages/detail/index?id=X',
    errandAttention: 'features/errands/pages/detail/index?id=X',
    activityCancelled: 'features/activities/pages/detail/index?activityId=X',
    topicProgress: 'features/deliberation/pages/topic/index?id=X',
    meetingInvite: 'features/deliberation/pages/meeting/index?id=X',
    meetingProgress: 'features/deliberation/pages/meeting/index?id=X',
    wishProgress: 'features/wishes/pages/detail/index?id=X',
    noticePublished: 'features/notices/pages/detail/index?id=X',
    lendingHold: 'features/lending/pages/item/index?hold=X',
    lendingLoan: 'features/lending/pages/loan/index?id=X',
    lendingDonation: 'features/lending/pages/donation/index?id=X',
  })
})
