/**
 * Volunteer activities of 新华社区: two upcoming (fixed dates well ahead, so a fresh seed is the same
 * every time) and one past, where 王秀英 was confirmed: her sign-ups, her hours line and her points,
 * paid as a real ledger transfer after the fund's (the issuance balance carried on).
 */
import type { ActivityRecord, HoursRecord, SignupRecord } from '../../src/core/activities/model'
import { planTransfer } from '../../src/core/points/ledger'
import { Causes, issuanceAccount, personAccount } from '../../src/core/points/model'
import { SEEDED_AT, SeedIds } from './ids'

/** `xinhuaAdmin`: the admin's display name (the confirmer); `issuance`: the issuance balance so far. */
export function xinhuaActivities(xinhuaAdmin: string, issuance: number) {
  const activity = (
    key: keyof typeof SeedIds.activities,
    title: string,
    team: string,
    place: string,
    description: string,
    start: string,
    end: string,
    capacity: number,
    points: number,
    hours: number,
    signedUp: number,
  ): ActivityRecord => ({
    _id: SeedIds.activities[key],
    communityId: 'cm-xinhua',
    title,
    team,
    description,
    place,
    startAt: new Date(start),
    endAt: new Date(end),
    capacity,
    signedUp,
    points,
    hours,
    status: 'published',
    createdBy: 'user-xinhua-admin',
    requestId: `seed-${key}`,
    checkinCode: null,
    checkinSession: 0,
    cancelReason: null,
    cancelledAt: null,
    cancelledBy: null,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  })
  const activities: ActivityRecord[] = [
    activity(
      'chongyang',
      '重阳敬老 包饺子',
      '彩虹桥·助老服务队',
      '新华社区日间照料中心',
      '和社区老人一起包饺子、聊家常，为独居老人送上一份热饺子。',
      '2028-10-26T09:00:00+08:00',
      '2028-10-26T11:30:00+08:00',
      20,
      10,
      2.5,
      1,
    ),
    activity(
      'cleanup',
      '楼道清洁日',
      '彩虹桥·环境守护队',
      '新华社区1号楼至6号楼',
      '清理楼道杂物和小广告，工具由社区准备。',
      '2028-06-10T08:30:00+08:00',
      '2028-06-10T10:30:00+08:00',
      30,
      5,
      2,
      0,
    ),
    activity(
      'clinic',
      '社区义诊 量血压',
      '彩虹桥·健康服务队',
      '新华社区服务站',
      '协助社区医生为居民量血压、登记健康档案。',
      '2025-12-20T09:00:00+08:00',
      '2025-12-20T11:30:00+08:00',
      10,
      10,
      2.5,
      1,
    ),
  ]
  const clinic = activities[2] as ActivityRecord
  const volunteerPay = planTransfer(
    {
      cause: Causes.activity(clinic._id, 'user-resident-wang'),
      from: issuanceAccount('cm-xinhua'),
      to: personAccount('user-resident-wang'),
      amount: clinic.points,
      reason: clinic.title,
      communityId: 'cm-xinhua',
      by: 'user-xinhua-admin',
    },
    issuance,
    0,
    new Date('2025-12-20T12:00:00+08:00'),
    SeedIds.transfers.clinicPay,
  )
  const signup = (
    key: keyof typeof SeedIds.signups,
    status: SignupRecord['status'],
    over: Partial<SignupRecord> = {},
  ): SignupRecord => ({
    _id: SeedIds.signups[key],
    activityId: SeedIds.activities[key],
    userId: 'user-resident-wang',
    communityId: 'cm-xinhua',
    status,
    signedAt: new Date('2025-12-01T10:00:00+08:00'),
    walkIn: false,
    withdrawnAt: null,
    checkedInAt: null,
    confirmedAt: null,
    confirmedBy: null,
    confirmedByName: null,
    transferId: null,
    ...over,
  })
  const signups: SignupRecord[] = [
    signup('chongyang', 'signed'),
    signup('clinic', 'confirmed', {
      checkedInAt: new Date('2025-12-20T08:50:00+08:00'),
      confirmedAt: volunteerPay.transfer.at,
      confirmedBy: 'user-xinhua-admin',
      confirmedByName: xinhuaAdmin,
      transferId: volunteerPay.transfer._id,
    }),
  ]
  const hoursLines: HoursRecord[] = [
    {
      _id: SeedIds.signups.clinic,
      userId: 'user-resident-wang',
      communityId: 'cm-xinhua',
      activityId: clinic._id,
      title: clinic.title,
      team: clinic.team,
      place: clinic.place,
      date: clinic.startAt,
      hours: clinic.hours,
      points: clinic.points,
      confirmedBy: 'user-xinhua-admin',
      confirmedByName: xinhuaAdmin,
      organisation: '新华社区',
      confirmedAt: volunteerPay.transfer.at,
    },
  ]
  return { activities, signups, hoursLines, volunteerPay }
}
