import { NotifyTemplates, type TemplateDef } from '../../src/core/notify/templates'
import { appPages, parsePagePath } from '../support/app-pages'
import {
  activityInput,
  isoInMin as inMin,
  ok,
  remindOfErrands,
  requestIds,
  useApi,
} from '../support/api-test'
import {
  LEADER_ZHOU as LEADER,
  LI,
  LIU,
  STREET_ADMIN as STREET,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
} from '../support/demo-people'

const { emu, call, db } = useApi()

// A push opens what it is about (issue #14 item 0). Every flow that sends a subscribe message runs
// through the built functions and the real node-sdk, everyone involved holding subscriptions; then
// every message WeChat was asked to send (the emulator's outbox) and every message record stored
// (`notifications`) is followed: its page is a page of app.config, the one its template names, and
// the id in its query is a record of the template's subject collection. The love supermarket's
// vouchers send no messages (a voucher is shown in the app and checked at pickup).

/** As the app does right after a submit or an accept (docs/adr/0011-order-outbox.md). */
const nudge = async (openid: string, orderId: string) => ok(await call(openid, 'order.dispatch', { orderId }))
const sweep = async (now: Date) => emu().invoke('sweep', { now: now.toISOString() })
const orderDoc = async (id: string) =>
  ((await db().collection('orders').doc(id).get()).data as { dueAt: string }[])[0]

const EVERYONE = [WANG, LI, LIU, WORKER, ADMIN, STREET, LEADER]

const rid = requestIds('req-push')
const templates = Object.values(NotifyTemplates) as TemplateDef[]
const byTemplateId = new Map(templates.map((t) => [t.id, t]))

beforeAll(async () => {
  for (const openid of EVERYONE) for (const t of templates) await emu().grantSubscriptions(openid, t.id, 20)
})

describe('the flows that send messages', () => {
  it('join request → the deciders', async () => {
    const res = ok(
      await call('openid-push-applicant', 'join.submit', {
        requestId: rid(),
        unitId: 'bd-xinhua-01-01-u2',
        room: '801',
        name: '孙晓东',
        phone: '13912345678',
        consent: true,
      }),
    )
    expect(res.status).toBe('pending')
  })

  it('new order, accept, reply, rated 不满意 → grid worker, reporter, supervisors', async () => {
    const order = ok(
      await call(WANG, 'report.submit', {
        requestId: rid(),
        category: 'street_light',
        text: '3号楼前路灯不亮',
      }),
    )
    await nudge(WANG, order.orderId)
    ok(await call(WORKER, 'order.accept', { orderId: order.orderId }))
    await nudge(WORKER, order.orderId)
    ok(await call(WORKER, 'order.reply', { orderId: order.orderId, outcome: 'handled', text: '已更换灯泡' }))
    ok(await call(WANG, 'order.rate', { orderId: order.orderId, rating: 'unsatisfied', comment: '还是不亮' }))
  })

  it('a late order moves up → the holder, the next tier, its supervisors, the reporter', async () => {
    const order = ok(
      await call(LI, 'report.submit', {
        requestId: rid(),
        category: 'drain',
        text: '下水道堵了，污水冒出来',
      }),
    )
    await nudge(LI, order.orderId)
    const o = await orderDoc(order.orderId)
    await sweep(new Date(new Date(o?.dueAt ?? 0).getTime() + 60_000))
  })

  it('errand posted, accepted, done, disputed → helpers, requester, grid worker', async () => {
    await remindOfErrands(call, LIU)
    const errand = ok(
      await call(WANG, 'errand.post', {
        requestId: rid(),
        type: 'groceries',
        text: '帮忙买一袋大米',
        windowStart: inMin(10),
        windowEnd: inMin(130),
      }),
    )
    ok(await call(LIU, 'errand.accept', { errandId: errand.errandId }))
    ok(await call(LIU, 'errand.done', { errandId: errand.errandId }))
    ok(await call(WANG, 'errand.dispute', { errandId: errand.errandId, reason: '米没有送到' }))
  })

  it('topic put on the agenda → the supporting households', async () => {
    const topic = ok(
      await call(WANG, 'topic.propose', {
        requestId: rid(),
        title: '楼道堆物清理',
        text: '3号楼楼道堆满杂物',
      }),
    )
    // The demo grid is small: its proposer's own household may already reach the threshold.
    if (topic.status === 'proposed')
      ok(await call(WORKER, 'topic.move', { topicId: topic.id, move: 'confirm' }))
  })

  it('meeting scheduled, then cancelled → the grid’s households', async () => {
    const topic = ok(
      await call(WANG, 'topic.propose', { requestId: rid(), title: '充电桩选址', text: '请大家议一议' }),
    )
    if (topic.status === 'proposed')
      ok(await call(WORKER, 'topic.move', { topicId: topic.id, move: 'confirm' }))
    const meeting = ok(
      await call(WORKER, 'meeting.schedule', {
        topicId: topic.id,
        requestId: rid(),
        place: '社区党群服务中心二楼',
        startsAt: inMin(24 * 60),
      }),
    )
    ok(await call(ADMIN, 'meeting.cancel', { meetingId: meeting.id, reason: '暴雨预警，改期' }))
  })

  it('wish posted, published, claimed, fulfilled, confirmed → grid worker, resident, claimant', async () => {
    const wish = ok(
      await call(WANG, 'wish.post', {
        requestId: rid(),
        kind: 'need',
        title: '一台电饭锅',
        text: '家里的坏了',
      }),
    )
    ok(await call(WORKER, 'wish.publish', { wishId: wish.wishId, show: 'grid' }))
    ok(await call(LIU, 'wish.claim', { wishId: wish.wishId }))
    const photo = (
      await emu().app.uploadFile({
        cloudPath: `wishes/user-helper-liu/${wish.wishId}/1.jpg`,
        fileContent: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
      })
    ).fileID as string
    ok(await call(LIU, 'wish.fulfil', { wishId: wish.wishId, photos: [photo] }))
    ok(await call(WANG, 'wish.confirm', { wishId: wish.wishId, showName: 'hidden' }))
  })

  it('百宝屋: a hold ready, a loan returned damaged, the next hold ready, a donation offered and accepted', async () => {
    const item = ok(
      await call(ADMIN, 'lending.save', {
        communityId: 'cm-xinhua',
        requestId: rid(),
        name: '冲击电钻',
        photos: [],
        accessories: ['电池'],
        condition: 'good',
        location: '党群服务中心一楼',
        periodDays: 7,
        pickupDays: 2,
        pledgePoints: 0,
        keeperId: null,
      }),
    )
    const wang = ok(await call(WANG, 'lending.reserve', { itemId: item.id, requestId: rid() })).myHold
    ok(await call(LI, 'lending.reserve', { itemId: item.id, requestId: rid() }))
    const loan = ok(
      await call(WORKER, 'lending.pickup', {
        itemId: item.id,
        holdId: wang.holdId,
        accessories: ['电池'],
        requestId: rid(),
      }),
    )
    ok(
      await call(WORKER, 'lending.return', {
        itemId: item.id,
        loanId: loan.loanId,
        accessories: [],
        condition: 'damaged',
        photos: [],
        requestId: rid(),
      }),
    )
    ok(await call(ADMIN, 'lending.itemMove', { itemId: item.id, move: 'repair' }))
    const d = ok(await call(LI, 'lending.donate', { text: '闲置的梯子一把', photos: [], requestId: rid() }))
    ok(
      await call(ADMIN, 'lending.decide', {
        donationId: d.donationId,
        accept: true,
        name: '折叠梯',
        location: '工具柜',
      }),
    )
  })

  it('activity cancelled → those holding a seat', async () => {
    const activity = ok(await call(ADMIN, 'activity.publish', activityInput(rid())))
    ok(await call(LI, 'activity.signup', { activityId: activity.activityId }))
    ok(await call(ADMIN, 'activity.cancel', { activityId: activity.activityId, reason: '天气原因' }))
  })

  it('important notice published → the households of its scope', async () => {
    ok(
      await call(ADMIN, 'notice.publish', {
        requestId: rid(),
        scope: { level: 'community', communityId: 'cm-xinhua' },
        title: '燃气安全入户检查',
        blocks: [{ kind: 'p', text: '本周六起入户检查燃气管道，请家中留人。' }],
        important: true,
      }),
    )
  })
})

describe('every message opens its subject', () => {
  const pages = appPages()
  const exists = async (collection: string, id: string) =>
    ((await db().collection(collection).doc(id).get()).data as unknown[]).length === 1

  /** What a tap on the message opens: a page of app.config, its template's, and a stored subject. */
  const follow = async (templateId: string, page: string) => {
    const t = byTemplateId.get(templateId)
    expect(t).toBeDefined()
    if (!t) return
    const { route, params } = parsePagePath(page)
    expect(pages.has(route)).toBe(true)
    expect(route).toBe(t.page)
    const id = params[t.param]
    expect(id).toEqual(expect.any(String))
    if (id === undefined) return
    expect({ page, subject: (await exists(t.subject, id)) ? t.subject : 'missing' }).toEqual({
      page,
      subject: t.subject,
    })
  }

  /** What each page asks the api for its subject, as the recipient: does it find it? */
  const opens: Readonly<Record<string, (openid: string, id: string) => Promise<boolean>>> = {
    'features/reports/pages/detail/index': async (openid, id) =>
      (await call(openid, 'order.get', { orderId: id })).data?.orderId === id,
    'features/errands/pages/detail/index': async (openid, id) =>
      (await call(openid, 'errand.get', { errandId: id })).data?.errandId === id,
    'features/activities/pages/detail/index': async (openid, id) =>
      (await call(openid, 'activity.get', { activityId: id })).data?.activityId === id,
    'features/deliberation/pages/topic/index': async (openid, id) =>
      (await call(openid, 'topic.get', { topicId: id })).data?.id === id,
    'features/deliberation/pages/meeting/index': async (openid, id) =>
      (await call(openid, 'meeting.get', { meetingId: id })).data?.id === id,
    'features/wishes/pages/detail/index': async (openid, id) =>
      (await call(openid, 'wish.get', { wishId: id })).data?.wishId === id,
    'features/notices/pages/detail/index': async (openid, id) =>
      (await call(openid, 'notice.get', { noticeId: id })).data?.id === id,
    'features/lending/pages/item/index': async (openid, id) =>
      (await call(openid, 'lending.item', { holdId: id })).data?.id !== undefined,
    'features/lending/pages/loan/index': async (openid, id) =>
      (await call(openid, 'lending.loan', { loanId: id })).data?.loanId === id,
    'features/lending/pages/donation/index': async (openid, id) =>
      (await call(openid, 'lending.donation', { donationId: id })).data?.donationId === id,
    'features/grid/pages/joins/index': async (openid, id) =>
      ((await call(openid, 'join.inbox', {})).data as { joinId: string }[]).some((j) => j.joinId === id),
  }

  it('every message sent (the outbox), of every template, opens its subject for its recipient', async () => {
    const sent = (await emu().outbox()) as { touser: string; template_id: string; page: string }[]
    expect(new Set(sent.map((m) => m.template_id))).toEqual(new Set(templates.map((t) => t.id)))
    for (const m of sent) {
      await follow(m.template_id, m.page)
      const { route, params } = parsePagePath(m.page)
      const id = Object.values(params)[0] ?? ''
      const open = opens[route]
      expect({ message: m, found: open ? await open(m.touser, id) : 'no page opener' }).toEqual({
        message: m,
        found: true,
      })
    }
  })

  it('every message stored (notifications), whatever became of its delivery', async () => {
    const stored = (await db().collection('notifications').limit(1000).get()).data as {
      templateId: string
      page: string
    }[]
    expect(stored.length).toBeGreaterThanOrEqual(templates.length)
    for (const n of stored) await follow(n.templateId, n.page)
  })
})
