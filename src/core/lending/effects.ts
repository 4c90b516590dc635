/**
 * Who hears about a lending move and what they read (src/core/effects.ts), written once. The store
 * puts these on the moved document's outbox in the move's own write; the dispatcher sends them.
 */
import type { Effect, Notify } from '../effects'
import { stamp } from '../china-time'
import { clipThing, type MessageData, type TemplateKey } from '../notify/templates'
import type { DonationRecord, HoldRecord, LoanRecord, ReminderStage } from './model'

const data = (thing: string, phrase: string, what: string, at: Date): MessageData => ({
  thing1: { value: clipThing(thing) },
  phrase2: { value: clipThing(phrase, 5) },
  thing3: { value: clipThing(what) },
  time4: { value: stamp(at) },
})

const tell = (key: string, users: readonly string[], template: TemplateKey, d: MessageData): Notify => ({
  kind: 'notify',
  key,
  to: { users },
  template,
  data: d,
})

/** Community admins over the item's community (the staff who run its 百宝屋). */
const staffOf = (path: { streetId: string; communityId: string }) =>
  ({ staff: ['community_admin'], over: { streetId: path.streetId, communityId: path.communityId } }) as const

/** A hold's pickup window started, ended unused, or staff cancelled it. */
export function holdEffects(
  h: HoldRecord,
  move: 'start' | 'expire' | 'cancel',
  byId: string,
  now: Date,
): Effect[] {
  const key = `lending.hold.${move}.v${h.version}`
  switch (move) {
    case 'start':
      return [
        tell(
          key,
          [h.holderId],
          'lendingHold',
          data(h.itemName, '待取用', `请在${stamp(h.readyUntil ?? now)}前取用`, now),
        ),
      ]
    case 'expire':
      return [
        tell(key, [h.holderId], 'lendingHold', data(h.itemName, '已过期', '未按时取用，预约已过期', now)),
      ]
    case 'cancel':
      return byId === h.holderId
        ? []
        : [tell(key, [h.holderId], 'lendingHold', data(h.itemName, '已取消', '工作人员取消了您的预约', now))]
  }
}

/** A loan returned (the borrower told; staff told of damage), kept or lost. */
export function returnEffects(
  l: LoanRecord,
  damaged: boolean,
  keeperId: string | null,
  byId: string,
  now: Date,
): Effect[] {
  const key = `lending.loan.v${l.version}`
  const pledge =
    l.pledge === 'released'
      ? `，押分 ${l.pledgePoints} 已退回`
      : l.pledge === 'kept'
        ? `，押分扣留：${l.pledgeReason ?? ''}`
        : ''
  const out: Effect[] = []
  if (l.borrowerId !== byId)
    out.push(
      tell(
        key,
        [l.borrowerId],
        'lendingLoan',
        data(l.itemName, l.status === 'lost' ? '已结清' : '已归还', `已登记${pledge}`, now),
      ),
    )
  if (damaged)
    out.push({
      kind: 'notify',
      key: `${key}.damage`,
      to: staffOf(l.path),
      except: [byId],
      template: 'lendingLoan',
      data: data(l.itemName, '待维修', '归还时发现损坏或缺件，已转维修', now),
    })
  if (damaged && keeperId && keeperId !== byId)
    out.push(
      tell(
        `${key}.keeper`,
        [keeperId],
        'lendingLoan',
        data(l.itemName, '待维修', '归还时发现损坏或缺件', now),
      ),
    )
  return out
}

const STAGE_TEXT: Readonly<Record<ReminderStage, { phrase: string; what: (due: Date) => string }>> = {
  due_tomorrow: { phrase: '明天到期', what: (d) => `请于${stamp(d)}前归还` },
  due_today: { phrase: '今天到期', what: () => '今天到期，请按时归还' },
  overdue_3: { phrase: '已逾期', what: () => '已逾期 3 天，请尽快归还' },
}

/** One staged reminder (each stage once per loan: the key names the stage). */
export function reminderEffects(l: LoanRecord, stage: ReminderStage, now: Date): Effect[] {
  const t = STAGE_TEXT[stage]
  return [
    {
      ...tell(
        `lending.remind.r${l.renewals}.${stage}`,
        [l.borrowerId],
        'lendingLoan',
        data(l.itemName, t.phrase, t.what(new Date(l.dueAt)), now),
      ),
      onlyIf: { status: 'out' },
    },
  ]
}

/** A tool offered (staff told), accepted or declined (the donor told). */
export function donationEffects(
  d: DonationRecord,
  move: 'offer' | 'accept' | 'decline',
  now: Date,
): Effect[] {
  const key = `lending.donation.${move}`
  if (move === 'offer')
    return [
      {
        kind: 'notify',
        key,
        to: staffOf(d.path),
        template: 'lendingDonation',
        data: data(d.text, '待审核', '居民捐赠工具，请审核', now),
      },
    ]
  const what = move === 'accept' ? `已收入百宝屋，获得 ${d.points} 积分` : `未采纳：${d.reason ?? ''}`
  return [
    tell(
      key,
      [d.donorId],
      'lendingDonation',
      data(d.text, move === 'accept' ? '已入库' : '未采纳', what, now),
    ),
  ]
}
