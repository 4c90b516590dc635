import { render, screen, waitFor } from '@testing-library/react'
import type { HouseholdView } from '../../src/core/household/api'
import type { MyData } from '../../src/core/me/api'
import MyDataPage from '../../src/features/mine/pages/data/index'
import HelperPage from '../../src/features/mine/pages/helper/index'
import HouseholdPage from '../../src/features/mine/pages/household/index'
import Taro, { navigateTo, resetTaroMock, showToast } from '../support/taro-mock'
import { householdSummary } from '../support/ui-fixtures'
import { api, calls, tap, type } from '../support/ui-script'

// 我的个人信息, 我的家庭, 志愿服务资料 against a scripted `api`.

Object.assign(Taro, { switchTab: jest.fn(async () => ({ errMsg: 'switchTab:ok' })) })

beforeEach(() => resetTaroMock())

const myData: MyData = {
  user: {
    displayName: '王秀英',
    realName: '王秀英',
    phone: '13812345678',
    roles: [],
    createdAt: '2026-11-01T00:00:00.000Z',
  },
  household: null,
  joins: [
    {
      joinId: 'j1',
      status: 'approved',
      place: '新华社区第1网格 1号楼1单元',
      room: '302',
      name: '王秀英',
      phone: '13812345678',
      via: 'code',
      move: false,
      reason: null,
      createdAt: '2026-11-01T00:00:00.000Z',
      decidedAt: null,
    },
  ],
  helper: null,
  accessLog: [
    {
      at: '2026-11-02T00:00:00.000Z',
      who: '张**（通过网格员服务卡）',
      action: '查看了您的电话号码',
      allowed: true,
    },
    {
      at: '2026-11-03T00:00:00.000Z',
      who: '网格员 刘**',
      action: '查看了您的互助单地址和联系方式，用于上门帮办',
      allowed: true,
    },
  ],
  points: {
    balance: 20,
    entries: 3,
    lines: [
      {
        transferId: 'tr.redemption.v1',
        at: '2026-11-05T02:00:00.000Z',
        delta: -20,
        balanceAfter: 20,
        cause: 'redemption:v1',
        kind: 'redemption',
        label: '爱心超市兑换',
        reason: '理发服务',
        reverses: null,
      },
      {
        transferId: 'tr.activity.ac1.u1',
        at: '2026-11-04T02:00:00.000Z',
        delta: 10,
        balanceAfter: 40,
        cause: 'activity:ac1:u1',
        kind: 'activity',
        label: '志愿活动',
        reason: '社区义诊 量血压',
        reverses: null,
      },
    ],
  },
  signups: {
    count: 25,
    lines: [
      {
        activityId: 'ac2',
        title: '重阳敬老 包饺子',
        startAt: '2028-10-26T01:00:00.000Z',
        status: 'signed',
        signedAt: '2026-11-03T00:00:00.000Z',
        walkIn: false,
      },
    ],
  },
  hours: {
    count: 1,
    lines: [
      {
        activityId: 'ac1',
        title: '社区义诊 量血压',
        team: '彩虹桥·健康服务队',
        place: '新华社区服务站',
        date: '2025-12-20T01:00:00.000Z',
        hours: 2.5,
        points: 10,
        confirmedByName: '赵主任',
        organisation: '新华社区',
        confirmedAt: '2025-12-20T04:00:00.000Z',
      },
    ],
  },
  vouchers: {
    count: 1,
    lines: [
      {
        voucherId: 'v1',
        itemName: '理发服务',
        price: 20,
        status: 'issued',
        issuedAt: '2026-11-05T02:00:00.000Z',
        expiresAt: '2026-11-19T16:00:00.000Z',
        usedAt: null,
        closedAt: null,
      },
    ],
  },
  reports: {
    count: 2,
    lines: [
      {
        orderId: 'wo1',
        categoryName: '路灯损坏',
        status: 'accepted',
        statusLabel: '已接单',
        role: 'reporter',
        submittedAt: '2026-11-06T02:00:00.000Z',
      },
      {
        orderId: 'wo2',
        categoryName: '楼道堆物',
        status: 'closed',
        statusLabel: '已办结',
        role: 'follower',
        submittedAt: '2026-11-02T02:00:00.000Z',
      },
    ],
  },
  errands: {
    count: 23,
    lines: [
      {
        errandId: 'er1',
        type: 'parcel',
        typeLabel: '代收快递',
        status: 'open',
        statusLabel: '待接单',
        role: 'requester',
        createdAt: '2026-11-07T02:00:00.000Z',
      },
      {
        errandId: 'er2',
        type: 'groceries',
        typeLabel: '代买米买菜',
        status: 'confirmed',
        statusLabel: '已完成',
        role: 'helper',
        createdAt: '2026-11-03T02:00:00.000Z',
      },
    ],
  },
  wishes: {
    count: 1,
    lines: [
      {
        wishId: 'ws1',
        title: '一台电饭锅',
        status: 'published',
        statusLabel: '待认领',
        role: 'owner',
        createdAt: '2026-11-08T02:00:00.000Z',
      },
    ],
  },
  noticeReads: {
    count: 1,
    lines: [{ noticeId: 'nt1', title: '关于冬季供暖的通知', readAt: '2026-11-08T02:00:00.000Z' }],
  },
  lending: {
    count: 1,
    lines: [
      {
        kind: 'loan',
        id: 'll1',
        itemName: '电钻',
        statusLabel: '借用中',
        at: '2026-11-05T02:00:00.000Z',
        dueAt: '2026-11-12T02:00:00.000Z',
      },
    ],
  },
}

describe('我的个人信息', () => {
  it('shows what is stored, and who looked at it', async () => {
    api({ 'me.data': myData })
    render(<MyDataPage />)
    await screen.findByText('基本信息')
    expect(screen.getAllByText('13812345678').length).toBeGreaterThan(0)
    expect(screen.getByText(/张\*\*（通过网格员服务卡） 查看了您的电话号码/)).toBeTruthy()
    expect(screen.getByText('网格员 刘** 查看了您的互助单地址和联系方式，用于上门帮办')).toBeTruthy()
  })

  it('shows my points, activity sign-ups, volunteer hours and vouchers, each a labelled region', async () => {
    api({ 'me.data': myData })
    render(<MyDataPage />)
    await screen.findByText('基本信息')
    const region = (label: string) => {
      const el = document.querySelector(`[aria-label="${label}"]`)
      if (!el) throw new Error(`no region ${label}`)
      return el.textContent ?? ''
    }
    expect(region('我的爱心积分')).toMatch(
      /余额20 分.*积分账目共 3 条.*爱心超市兑换 · 理发服务−20 分.*志愿活动 · 社区义诊 量血压\+10 分/,
    )
    expect(region('志愿活动报名')).toMatch(/共 25 条，这里显示最近 1 条.*重阳敬老 包饺子已报名 · 活动时间/)
    expect(region('志愿服务时长记录')).toMatch(/共 1 条.*社区义诊 量血压 · 2\.5 小时新华社区 · 2025/)
    expect(region('爱心超市兑换券')).toMatch(/共 1 条.*理发服务 · 20 分待领取/)
    expect(region('微心愿')).toMatch(/^微心愿共 1 条一台电饭锅 · 我许的待认领 · (2026年)?11月8日/)
    // Each line reads as one sentence to a screen reader.
    expect(document.querySelector('[aria-label^="理发服务 · 20 分，待领取"]')).not.toBeNull()
    // What the erasure settles and keeps is said before asking.
    expect(screen.getByText(/尚未开始的志愿活动报名会被取消.*未领取的兑换券会被取消并退回积分/)).toBeTruthy()
    expect(
      screen.getByText(/积分账目和志愿服务记录按规定保留，只记您的账户编号，不含您的姓名和手机号/),
    ).toBeTruthy()
  })

  it('shows my reports and errands: category or type, my part, status and date, with the count', async () => {
    api({ 'me.data': myData })
    render(<MyDataPage />)
    await screen.findByText('基本信息')
    const region = (label: string) => document.querySelector(`[aria-label="${label}"]`)?.textContent ?? ''
    expect(region('我的上报')).toMatch(
      /^我的上报共 2 条路灯损坏 · 我上报的已接单 · (2026年)?11月6日.*楼道堆物 · 我关注的已办结 · (2026年)?11月2日/,
    )
    expect(region('邻里互助')).toMatch(
      /^邻里互助共 23 条，这里显示最近 2 条代收快递 · 我发起的待接单 · (2026年)?11月7日.*代买米买菜 · 我帮忙的已完成 · (2026年)?11月3日/,
    )
    // Each line reads as one sentence to a screen reader.
    expect(document.querySelector('[aria-label^="路灯损坏 · 我上报的，已接单 · "]')).not.toBeNull()
    expect(document.querySelector('[aria-label^="代买米买菜 · 我帮忙的，已完成 · "]')).not.toBeNull()
    // What the erasure does to them is said before asking.
    expect(
      screen.getByText(
        /您发起的还没开始的互助会被取消（已接单的帮办人会看到已取消），您接下还没开始的互助会退回给其他帮办人/,
      ),
    ).toBeTruthy()
    expect(
      screen.getByText(
        /您上报的问题和已开始或已结束的互助是社区的办理记录，会保留（含描述和照片），姓名改为“新邻居”/,
      ),
    ).toBeTruthy()
  })

  it('says so when there is nothing in the new sections', async () => {
    const empty = { count: 0, lines: [] }
    api({
      'me.data': {
        ...myData,
        points: { balance: 0, entries: 0, lines: [] },
        signups: empty,
        hours: empty,
        vouchers: empty,
        reports: empty,
        errands: empty,
        wishes: empty,
        noticeReads: empty,
      },
    })
    render(<MyDataPage />)
    await screen.findByText('基本信息')
    expect(screen.getAllByText('暂无记录')).toHaveLength(7)
    expect(screen.getByText('0 分')).toBeTruthy()
    expect(screen.getByText('共 0 条')).toBeTruthy()
  })

  it('erases only after a second, explicit confirmation', async () => {
    api({ 'me.data': myData })
    render(<MyDataPage />)
    await screen.findByText('基本信息')
    api({ 'me.delete': { userId: 'u1', displayName: '新邻居', roles: [], household: null, created: false } })
    await tap(screen.getByText('删除我的个人信息', { selector: '.nut-button-children' }))
    expect(calls).toEqual([])
    await tap(screen.getByText('取消'))
    expect(screen.queryByText('确认删除')).toBeNull()
    await tap(screen.getByText('删除我的个人信息', { selector: '.nut-button-children' }))
    await tap(screen.getByText('确认删除'))
    expect(calls).toEqual([{ action: 'me.delete', input: { confirm: true } }])
    await screen.findByText('您的个人信息已删除')
    expect(screen.getByText(/未领取的兑换券已取消并退回积分/)).toBeTruthy()
    expect(screen.getByText(/积分余额仍归您所有/)).toBeTruthy()
    expect(screen.getByText(/尚未开始的互助已取消或退回/)).toBeTruthy()
  })
})

const view: HouseholdView = {
  household: householdSummary(),
  members: [
    { name: '王秀英', me: true },
    { name: '李建国', me: false },
  ],
  pendingMove: null,
}

describe('我的家庭', () => {
  it('shows the household and its members; moving opens the join page in move mode', async () => {
    api({ 'household.mine': view })
    render(<HouseholdPage />)
    await screen.findByText('李建国')
    await tap(screen.getByText('申请迁移到新住处'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/join/index?move=1' })
  })

  it('leaves after confirmation, then shows the join prompt', async () => {
    api({ 'household.mine': view })
    render(<HouseholdPage />)
    await screen.findByText('李建国')
    await tap(screen.getByText('退出家庭'))
    api({
      'household.leave': { left: true },
      'household.mine': { household: null, members: [], pendingMove: null },
    })
    await tap(screen.getByText('确认退出'))
    await screen.findByText('您还没有加入家庭')
    expect(calls.map((c) => c.action)).toEqual(['household.leave', 'household.mine'])
  })

  it('withdraws a pending move', async () => {
    const pendingMove = {
      joinId: 'j9',
      status: 'pending' as const,
      gridName: '东山社区第1网格',
      buildingName: '3号楼',
      unitName: '1单元',
      room: '101',
      reason: null,
      move: true,
      moves: ['cancel'],
    }
    api({ 'household.mine': { ...view, pendingMove } })
    render(<HouseholdPage />)
    await screen.findByText('迁移申请审核中')
    api({ 'join.cancel': { ...pendingMove, status: 'cancelled' }, 'household.mine': view })
    await tap(screen.getByText('撤回迁移申请'))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '已撤回迁移申请', icon: 'success' }))
    expect(calls[0]).toEqual({ action: 'join.cancel', input: { joinId: 'j9' } })
  })
})

describe('志愿服务资料', () => {
  it('edits skills (list + free text) and the party switch only for party members', async () => {
    api({
      'helper.profile': {
        partyMember: false,
        showParty: false,
        skills: ['理发'],
        notifyErrands: false,
        thanks: [],
      },
    })
    render(<HelperPage />)
    await screen.findByText('我的技能')
    expect(screen.getByText(/党员身份由社区工作人员登记/)).toBeTruthy()
    await tap(screen.getByText('代收快递'))
    await tap(screen.getByText('理发'))
    await type('其他技能', '修自行车')
    await tap(screen.getByText('添加技能'))
    api({
      'helper.update': {
        partyMember: false,
        showParty: false,
        skills: ['代收快递', '修自行车'],
        notifyErrands: false,
      },
    })
    await tap(screen.getByText('保存'))
    expect(calls).toEqual([
      {
        action: 'helper.update',
        input: { skills: ['代收快递', '修自行车'], showParty: false, notifyErrands: false },
      },
    ])
    // A confirmation is a toast (it passes), not a card left on the page.
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' }))
    expect(screen.queryByText(/已保存/)).toBeNull()
  })

  it('shows the risky-content copy when a skill is refused', async () => {
    api({
      'helper.profile': { partyMember: true, showParty: true, skills: [], notifyErrands: false, thanks: [] },
    })
    render(<HelperPage />)
    await screen.findByText('在服务卡上显示我的党员身份')
    api({ 'helper.update': { ok: false, error: { code: 'CONTENT.RISKY', message: 'x' } } })
    await tap(screen.getByText('保存'))
    await screen.findByText('内容含有不当信息，请修改后再提交')
  })

  it('opts in to new-errand reminders and lists the thank-you notes received', async () => {
    const thanks = [
      {
        errandId: 'er_2',
        at: '2026-11-03T02:00:00.000Z',
        from: '王**',
        typeLabel: '代买米买菜',
        note: '谢谢刘师傅！',
      },
      {
        errandId: 'er_1',
        at: '2026-11-01T15:30:00.000Z',
        from: '李**',
        typeLabel: '代收快递',
        note: '帮大忙了',
      },
    ]
    api({
      'helper.profile': { partyMember: false, showParty: false, skills: [], notifyErrands: false, thanks },
    })
    render(<HelperPage />)
    await screen.findByText('收到的感谢')
    const notes = [...document.querySelectorAll('.mine__thanks')].map((e) => e.textContent)
    // China days, in the one date format (the year only when it is not this year).
    expect(notes).toEqual([
      expect.stringMatching(/^“谢谢刘师傅！”王\*\* · 代买米买菜 · (2026年)?11月3日$/),
      expect.stringMatching(/^“帮大忙了”李\*\* · 代收快递 · (2026年)?11月1日$/),
    ])
    const toggle = document.querySelector('[aria-label="接收新互助提醒"]')
    expect(toggle).not.toBeNull()
    await tap(toggle as Element)
    api({ 'helper.update': { partyMember: false, showParty: false, skills: [], notifyErrands: true } })
    await tap(screen.getByText('保存'))
    expect(calls).toEqual([
      { action: 'helper.update', input: { skills: [], showParty: false, notifyErrands: true } },
    ])
  })

  it('says so when no thanks were received yet', async () => {
    api({
      'helper.profile': { partyMember: false, showParty: false, skills: [], notifyErrands: true, thanks: [] },
    })
    render(<HelperPage />)
    await screen.findByText('还没有感谢留言')
  })
})
