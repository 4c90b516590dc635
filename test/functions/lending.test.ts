import { codeOf, ok, requestIds, useApi, awardPoints } from '../support/api-test'
import {
  CHEN,
  DONGSHAN_ADMIN,
  LI,
  WANG,
  XINHUA_01_WORKER as WORKER,
  XINHUA_ADMIN as ADMIN,
  ZHAO,
} from '../support/demo-people'
import { stageWindows } from '../../src/core/lending/rules'

const { emu, call, db, count, docOf, balance } = useApi({
  secCheckKeywords: { risky: ['赌博网站'], review: [] },
})

// 百宝屋 through the built `api` and `sweep` functions on the local CloudBase, real node-sdk: a
// queue of three with a return and a no-show, the pledge held / released / kept in the ledger,
// staged reminders sent once each, the overdue block, returns by a non-holder, donations.

const rid = requestIds('lend')
const DAY = 86_400_000
const C = 'cm-xinhua'
const uid = (openid: string) => `user-${openid.replace('demo-openid-', '')}`

const newItem = async (over: Record<string, unknown> = {}) =>
  ok(
    await call(ADMIN, 'lending.save', {
      communityId: C,
      requestId: rid(),
      name: '冲击电钻',
      photos: [],
      accessories: ['电池', '钻头套装'],
      condition: 'good',
      location: '党群服务中心一楼工具柜',
      periodDays: 7,
      pickupDays: 2,
      pledgePoints: 5,
      keeperId: null,
      ...over,
    }),
  )

const sweep = (at: Date) => emu().invoke('sweep', { now: at.toISOString() })
const notes = async (where: object) =>
  (await db().collection('notifications').where(where).limit(100).get()).data as {
    kind: string
    recipientId: string
    sourceId: string
  }[]

describe('a queue of three on one item', () => {
  let itemId = ''
  const holds = { wang: '', li: '', chen: '', loan: '' }

  it('reserves in order; a retried reserve queues once; the first window starts at once', async () => {
    const item = await newItem()
    itemId = item.id
    expect(item).toMatchObject({ status: 'available', queue: 0, pledgePoints: 5 })
    for (const who of [WANG, LI, CHEN]) await awardPoints(call, uid(who), 20, '社区清洁日', rid())
    const wangReq = rid()
    const w = ok(await call(WANG, 'lending.reserve', { itemId, requestId: wangReq }))
    expect(w.myHold).toMatchObject({ status: 'ready', position: 1 })
    ok(await call(WANG, 'lending.reserve', { itemId, requestId: wangReq }))
    expect(await count('lending_holds', { itemId, holderId: uid(WANG) })).toBe(1)
    const l = ok(await call(LI, 'lending.reserve', { itemId, requestId: rid() }))
    const c = ok(await call(CHEN, 'lending.reserve', { itemId, requestId: rid() }))
    expect(l.myHold).toMatchObject({ status: 'waiting', position: 2 })
    expect(c.myHold).toMatchObject({ status: 'waiting', position: 3 })
    expect(c.queue).toBe(3)
    holds.wang = w.myHold.holdId
    holds.li = l.myHold.holdId
    holds.chen = c.myHold.holdId
    // A second hold on the same item by the same person: a clear code.
    expect(codeOf(await call(LI, 'lending.reserve', { itemId, requestId: rid() }))).toBe(
      'LENDING.ALREADY_HELD',
    )
    // WANG was told the item is ready (the hold's outbox).
    expect((await notes({ sourceId: holds.wang })).map((n) => n.recipientId)).toEqual([uid(WANG)])
  })

  it('pickup: only the ready hold; accessories ticked; pledge held; a retry lends once', async () => {
    expect(
      codeOf(
        await call(WORKER, 'lending.pickup', { itemId, holdId: holds.li, accessories: [], requestId: rid() }),
      ),
    ).toBe('LENDING.NOT_READY')
    expect(
      codeOf(
        await call(WORKER, 'lending.pickup', {
          itemId,
          holdId: holds.wang,
          accessories: ['电源线'],
          requestId: rid(),
        }),
      ),
    ).toBe('LENDING.BAD_ACCESSORIES')
    // A resident who is not the keeper is no desk.
    expect(
      codeOf(
        await call(ZHAO, 'lending.pickup', { itemId, holdId: holds.wang, accessories: [], requestId: rid() }),
      ),
    ).toBe('DATA.NOT_FOUND')
    const before = await balance(`u:${uid(WANG)}`)
    const input = { itemId, holdId: holds.wang, accessories: ['电池', '钻头套装'], requestId: rid() }
    const loan = ok(await call(WORKER, 'lending.pickup', input))
    const again = ok(await call(WORKER, 'lending.pickup', input))
    expect(again.loanId).toBe(loan.loanId)
    expect(loan).toMatchObject({
      status: 'out',
      pledge: 'held',
      pledgePoints: 5,
      accessoriesOut: ['电池', '钻头套装'],
    })
    const due = new Date(loan.dueAt).getTime() - new Date(loan.pickedAt).getTime()
    expect(due).toBe(7 * DAY)
    expect(await balance(`u:${uid(WANG)}`)).toBe(before - 5)
    expect(await balance(`pledge:${C}`)).toBe(5)
    expect(await count('point_transfers', { cause: `pledge:${loan.loanId}` })).toBe(1)
    expect(await count('lending_loans', { holdId: holds.wang })).toBe(1)
    expect((await docOf('lending_items', itemId)).status).toBe('on_loan')
    holds.loan = loan.loanId
  })

  it('renewal is refused while others wait', async () => {
    expect(codeOf(await call(WANG, 'lending.renew', { loanId: holds.loan }))).toBe('LENDING.RENEW_WAITING')
  })

  it('return by a non-holder: clear codes, nothing changed', async () => {
    const base = {
      itemId,
      loanId: holds.loan,
      accessories: ['电池', '钻头套装'],
      condition: 'good',
      photos: [],
    }
    expect(codeOf(await call(LI, 'lending.return', { ...base, requestId: rid() }))).toBe('AUTH.FORBIDDEN')
    const other = await newItem({ name: '梯子', pledgePoints: 0, accessories: [] })
    expect(
      codeOf(
        await call(WORKER, 'lending.return', {
          ...base,
          itemId: other.id,
          accessories: [],
          requestId: rid(),
        }),
      ),
    ).toBe('LENDING.NOT_ON_LOAN')
    expect((await docOf('lending_loans', holds.loan)).status).toBe('out')
  })

  it('return: pledge released in the same transaction; the next in line starts; a retry returns once', async () => {
    const before = await balance(`u:${uid(WANG)}`)
    const input = {
      itemId,
      loanId: holds.loan,
      accessories: ['电池', '钻头套装'],
      condition: 'good',
      photos: [],
      requestId: rid(),
    }
    const back = ok(await call(WORKER, 'lending.return', input))
    const again = ok(await call(WORKER, 'lending.return', input))
    expect(back).toMatchObject({ status: 'returned', pledge: 'released' })
    expect(again).toMatchObject({ status: 'returned', pledge: 'released' })
    expect(await balance(`u:${uid(WANG)}`)).toBe(before + 5)
    expect(await balance(`pledge:${C}`)).toBe(0)
    expect(await count('point_transfers', { cause: `unpledge:${holds.loan}` })).toBe(1)
    expect((await docOf('lending_holds', holds.li)).status).toBe('ready')
    expect((await docOf('lending_holds', holds.chen)).status).toBe('waiting')
    const li = ok(await call(LI, 'lending.item', { itemId }))
    expect(li.myHold).toMatchObject({ status: 'ready', position: 1 })
  })

  it('a no-show: the sweep expires the window once, the next hold starts', async () => {
    const late = new Date(Date.now() + 2 * DAY + 60_000)
    await Promise.all([sweep(late), sweep(late)])
    expect((await docOf('lending_holds', holds.li)).status).toBe('expired')
    const chen = await docOf('lending_holds', holds.chen)
    expect(chen.status).toBe('ready')
    expect((await notes({ sourceId: holds.li })).map((n) => n.kind).sort()).toEqual([
      expect.stringMatching(/^lending\.hold\.expire/),
      expect.stringMatching(/^lending\.hold\.start/),
    ])
  })

  it('returned damaged with the pledge kept: item to maintenance, staff told, fund credited; back by a staff move', async () => {
    const fund = await balance(`fund:${C}`)
    const loan = ok(
      await call(WORKER, 'lending.pickup', {
        itemId,
        holdId: holds.chen,
        accessories: ['电池', '钻头套装'],
        requestId: rid(),
      }),
    )
    expect(await balance(`pledge:${C}`)).toBe(5)
    // A return text passes content security: risky → refused, nothing stored.
    const base = { itemId, loanId: loan.loanId, accessories: ['电池'], condition: 'damaged', photos: [] }
    expect(
      codeOf(await call(WORKER, 'lending.return', { ...base, note: '赌博网站', requestId: rid() })),
    ).toBe('CONTENT.RISKY')
    // Keeping a pledge is staff's: the grid worker is staff of the community.
    const back = ok(
      await call(WORKER, 'lending.return', {
        ...base,
        note: '钻头套装丢失',
        keepReason: '配件丢失',
        requestId: rid(),
      }),
    )
    expect(back).toMatchObject({ status: 'returned', pledge: 'kept', pledgeReason: '配件丢失' })
    expect(await balance(`pledge:${C}`)).toBe(0)
    expect(await balance(`fund:${C}`)).toBe(fund + 5)
    expect(await count('point_transfers', { cause: `forfeit:${loan.loanId}` })).toBe(1)
    expect(await count('point_transfers', { cause: `unpledge:${loan.loanId}` })).toBe(0)
    expect((await docOf('lending_items', itemId)).status).toBe('maintenance')
    const staffTold = await notes({ sourceId: loan.loanId })
    expect(staffTold.map((n) => n.recipientId)).toEqual(
      expect.arrayContaining(['user-xinhua-admin', uid(CHEN)]),
    )
    const fixed = ok(await call(ADMIN, 'lending.itemMove', { itemId, move: 'repair' }))
    expect(fixed.status).toBe('available')
    // The ledger stays consistent (double entry, balances from entries).
    const audit = ok(await call(ADMIN, 'points.audit', { communityId: C }))
    expect(audit.differences ?? []).toEqual([])
  })
})

describe('reminders, renewal and the overdue block', () => {
  it('due tomorrow, due today, 3 days over: each once; a renewal with nobody waiting', async () => {
    const item = await newItem({ name: '折叠梯', pledgePoints: 0, accessories: [], periodDays: 5 })
    const hold = ok(await call(ZHAO, 'lending.reserve', { itemId: item.id, requestId: rid() })).myHold
    const loan = ok(
      await call(WORKER, 'lending.pickup', {
        itemId: item.id,
        holdId: hold.holdId,
        accessories: [],
        requestId: rid(),
      }),
    )
    const renewed = ok(await call(ZHAO, 'lending.renew', { loanId: loan.loanId }))
    expect(new Date(renewed.dueAt).getTime() - new Date(loan.dueAt).getTime()).toBe(5 * DAY)
    expect(codeOf(await call(ZHAO, 'lending.renew', { loanId: loan.loanId }))).toBe('LENDING.RENEW_LIMIT')
    const w = stageWindows(new Date(renewed.dueAt))
    const at = (d: Date, plusMin = 30) => new Date(d.getTime() + plusMin * 60_000)
    for (const t of [w.due_tomorrow.start, w.due_today.start, w.overdue_3.start]) {
      await sweep(at(t))
      await sweep(at(t, 90))
    }
    const sent = (await notes({ sourceId: loan.loanId })).map((n) => n.kind).sort()
    expect(sent).toEqual([
      'lending.remind.r1.due_today',
      'lending.remind.r1.due_tomorrow',
      'lending.remind.r1.overdue_3',
    ])
    expect((await docOf('lending_loans', loan.loanId)).remindAt).toBeNull()
  })

  it('a borrower 7+ days overdue cannot reserve until they return', async () => {
    const item = await newItem({ name: '手推车', pledgePoints: 0, accessories: [] })
    const other = await newItem({ name: '电锯', pledgePoints: 0, accessories: [] })
    const hold = ok(await call(ZHAO, 'lending.reserve', { itemId: item.id, requestId: rid() })).myHold
    const loan = ok(
      await call(WORKER, 'lending.pickup', {
        itemId: item.id,
        holdId: hold.holdId,
        accessories: [],
        requestId: rid(),
      }),
    )
    await db()
      .collection('lending_loans')
      .doc(loan.loanId)
      .update({ dueAt: new Date(Date.now() - 8 * DAY) })
    expect(codeOf(await call(ZHAO, 'lending.reserve', { itemId: other.id, requestId: rid() }))).toBe(
      'LENDING.BLOCKED_OVERDUE',
    )
    expect(await count('lending_holds', { itemId: other.id })).toBe(0)
    const mine = ok(await call(ZHAO, 'lending.mine', {}))
    expect(mine.blocked).toBe(true)
    ok(
      await call(WORKER, 'lending.return', {
        itemId: item.id,
        loanId: loan.loanId,
        accessories: [],
        condition: 'good',
        photos: [],
        requestId: rid(),
      }),
    )
    ok(await call(ZHAO, 'lending.reserve', { itemId: other.id, requestId: rid() }))
  })

  it('the desk lists: overdue and pickups for staff of the community only', async () => {
    const page = ok(await call(WORKER, 'lending.desk', { communityId: C, view: 'pickups' }))
    expect(page.lines.length).toBeGreaterThan(0)
    expect(codeOf(await call(DONGSHAN_ADMIN, 'lending.desk', { communityId: C, view: 'pickups' }))).toBe(
      'AUTH.FORBIDDEN',
    )
    expect(codeOf(await call(WANG, 'lending.desk', { communityId: C, view: 'pickups' }))).toBe(
      'AUTH.FORBIDDEN',
    )
  })
})

describe('the keeper, cancelling, retried saves', () => {
  it('a retried save adds the item once', async () => {
    const input = {
      communityId: C,
      requestId: rid(),
      name: '园艺剪',
      photos: [],
      accessories: [],
      condition: 'good',
      location: '工具柜',
      periodDays: 3,
      pickupDays: 1,
      pledgePoints: 0,
      keeperId: null,
    }
    const a = ok(await call(ADMIN, 'lending.save', input))
    const b = ok(await call(ADMIN, 'lending.save', input))
    expect(b.id).toBe(a.id)
    expect(await count('lending_items', { requestId: input.requestId })).toBe(1)
    // Too long a name, an unknown keeper: codes, nothing stored.
    expect(
      codeOf(await call(ADMIN, 'lending.save', { ...input, requestId: rid(), name: '剪'.repeat(31) })),
    ).toBe('LENDING.TEXT_TOO_LONG')
    expect(
      codeOf(
        await call(ADMIN, 'lending.save', { ...input, requestId: rid(), keeperId: 'user-dongshan-admin' }),
      ),
    ).toBe('LENDING.BAD_KEEPER')
    expect(codeOf(await call(WANG, 'lending.save', { ...input, requestId: rid() }))).toBe('AUTH.FORBIDDEN')
  })

  it('the first in line cancels: the window of the next one starts', async () => {
    const item = await newItem({ name: '电焊机', pledgePoints: 0, accessories: [] })
    const first = ok(await call(WANG, 'lending.reserve', { itemId: item.id, requestId: rid() })).myHold
    const second = ok(await call(LI, 'lending.reserve', { itemId: item.id, requestId: rid() })).myHold
    expect([first.status, second.status]).toEqual(['ready', 'waiting'])
    // Someone else's hold is not theirs to cancel.
    expect(codeOf(await call(ZHAO, 'lending.cancel', { holdId: first.holdId }))).toBe('DATA.NOT_FOUND')
    ok(await call(WANG, 'lending.cancel', { holdId: first.holdId }))
    expect((await docOf('lending_holds', second.holdId)).status).toBe('ready')
  })

  it('the keeper hands out and takes back their item, but may not keep a pledge', async () => {
    const item = await newItem({
      name: '缝纫机',
      pledgePoints: 2,
      accessories: ['脚踏板'],
      keeperId: uid(ZHAO),
    })
    expect(item.keeperName).toBe('赵海燕')
    const hold = ok(await call(WANG, 'lending.reserve', { itemId: item.id, requestId: rid() })).myHold
    const loan = ok(
      await call(ZHAO, 'lending.pickup', {
        itemId: item.id,
        holdId: hold.holdId,
        accessories: ['脚踏板'],
        requestId: rid(),
      }),
    )
    const base = {
      itemId: item.id,
      loanId: loan.loanId,
      accessories: ['脚踏板'],
      condition: 'good',
      photos: [],
    }
    expect(
      codeOf(await call(ZHAO, 'lending.return', { ...base, keepReason: '弄脏了', requestId: rid() })),
    ).toBe('AUTH.FORBIDDEN')
    const back = ok(await call(ZHAO, 'lending.return', { ...base, requestId: rid() }))
    expect(back).toMatchObject({ status: 'returned', pledge: 'released' })
  })
})

describe('a loan that will not come back', () => {
  it('staff close it as lost: the pledge kept to the fund with the reason, the item retired; residents may not', async () => {
    const item = await newItem({ name: '角磨机', pledgePoints: 3, accessories: [] })
    const hold = ok(await call(WANG, 'lending.reserve', { itemId: item.id, requestId: rid() })).myHold
    const loan = ok(
      await call(WORKER, 'lending.pickup', {
        itemId: item.id,
        holdId: hold.holdId,
        accessories: [],
        requestId: rid(),
      }),
    )
    const fund = await balance(`fund:${C}`)
    expect(codeOf(await call(WANG, 'lending.lose', { loanId: loan.loanId, reason: '丢了' }))).toBe(
      'AUTH.FORBIDDEN',
    )
    expect(codeOf(await call(ADMIN, 'lending.lose', { loanId: loan.loanId, reason: ' ' }))).toBe(
      'LENDING.TEXT_EMPTY',
    )
    const lost = ok(
      await call(ADMIN, 'lending.lose', { loanId: loan.loanId, reason: '借用人搬走，多次联系未还' }),
    )
    expect(lost).toMatchObject({ status: 'lost', pledge: 'kept', pledgeReason: '借用人搬走，多次联系未还' })
    expect(await balance(`fund:${C}`)).toBe(fund + 3)
    expect(await count('point_transfers', { cause: `forfeit:${loan.loanId}` })).toBe(1)
    expect((await docOf('lending_items', item.id)).status).toBe('retired')
    expect(codeOf(await call(ADMIN, 'lending.lose', { loanId: loan.loanId, reason: '再来一次' }))).toBe(
      'LENDING.BAD_STATE',
    )
  })
})

describe('donations', () => {
  const photo = (userId: string, req: string, n: number) => `cloud://env/lending/${userId}/${req}/${n}.jpg`

  // 李德明 already offered a bike in the demo data: count what these tests add.
  const mine = () => count('lending_donations', { donorId: uid(LI) })

  it('too many photos or too long a text: codes, nothing stored', async () => {
    const seeded = await mine()
    const req = rid()
    const photos = [1, 2, 3, 4].map((n) => photo(uid(LI), req, n))
    expect(codeOf(await call(LI, 'lending.donate', { text: '家里闲置的电钻', photos, requestId: req }))).toBe(
      'LENDING.TOO_MANY_PHOTOS',
    )
    expect(
      codeOf(await call(LI, 'lending.donate', { text: '钻'.repeat(201), photos: [], requestId: rid() })),
    ).toBe('LENDING.TEXT_TOO_LONG')
    expect(codeOf(await call(LI, 'lending.donate', { text: '赌博网站', photos: [], requestId: rid() }))).toBe(
      'CONTENT.RISKY',
    )
    expect(await mine()).toBe(seeded)
  })

  it('accepted into the inventory with points paid once; declined needs a reason', async () => {
    const seeded = await mine()
    const req = rid()
    const d = ok(
      await call(LI, 'lending.donate', {
        text: '九成新的电钻一把',
        photos: [photo(uid(LI), req, 1)],
        requestId: req,
      }),
    )
    ok(
      await call(LI, 'lending.donate', {
        text: '九成新的电钻一把',
        photos: [photo(uid(LI), req, 1)],
        requestId: req,
      }),
    )
    expect(await mine()).toBe(seeded + 1)
    const before = await balance(`u:${uid(LI)}`)
    const accept = {
      donationId: d.donationId,
      accept: true,
      points: 10,
      name: '电钻（捐赠）',
      location: '工具柜',
    }
    const done = ok(await call(ADMIN, 'lending.decide', accept))
    ok(await call(ADMIN, 'lending.decide', accept))
    expect(done).toMatchObject({ status: 'accepted', points: 10 })
    expect(await balance(`u:${uid(LI)}`)).toBe(before + 10)
    expect(await count('point_transfers', { cause: `donation:${d.donationId}` })).toBe(1)
    const item = await docOf('lending_items', done.itemId)
    expect(item).toMatchObject({ name: '电钻（捐赠）', status: 'available', donationId: d.donationId })
    const d2 = ok(await call(LI, 'lending.donate', { text: '旧台灯', photos: [], requestId: rid() }))
    expect(codeOf(await call(ADMIN, 'lending.decide', { donationId: d2.donationId, accept: false }))).toBe(
      'LENDING.TEXT_EMPTY',
    )
    const no = ok(
      await call(ADMIN, 'lending.decide', {
        donationId: d2.donationId,
        accept: false,
        reason: '已有同类物品',
      }),
    )
    expect(no).toMatchObject({ status: 'declined', reason: '已有同类物品' })
  })
})

describe('privacy', () => {
  it('me.data shows my holds and loans; me.delete cancels my holds and keeps an unreturned loan', async () => {
    const item = await newItem({ name: '卷尺', pledgePoints: 0, accessories: [] })
    const other = await newItem({ name: '扳手', pledgePoints: 0, accessories: [] })
    const hold = ok(await call(CHEN, 'lending.reserve', { itemId: item.id, requestId: rid() })).myHold
    const loan = ok(
      await call(WORKER, 'lending.pickup', {
        itemId: item.id,
        holdId: hold.holdId,
        accessories: [],
        requestId: rid(),
      }),
    )
    const queued = ok(await call(CHEN, 'lending.reserve', { itemId: other.id, requestId: rid() })).myHold
    const data = ok(await call(CHEN, 'me.data', {}))
    expect(data.lending.count).toBeGreaterThanOrEqual(2)
    ok(await call(CHEN, 'me.delete', { confirm: true }))
    expect((await docOf('lending_holds', queued.holdId)).status).toBe('cancelled')
    const kept = await docOf('lending_loans', loan.loanId)
    expect(kept).toMatchObject({ status: 'out', erasePending: true, borrowerName: '陈桂兰' })
    ok(
      await call(WORKER, 'lending.return', {
        itemId: item.id,
        loanId: loan.loanId,
        accessories: [],
        condition: 'good',
        photos: [],
        requestId: rid(),
      }),
    )
    const closed = await docOf('lending_loans', loan.loanId)
    expect(closed.borrowerName).not.toBe('陈桂兰')
    expect(closed.erased).toBe(true)
  })
})
