/**
 * 新华社区's 百宝屋 (tool lending): tools and household things residents donated or the community
 * bought, kept at the 党群服务中心, each with its label code, accessories, lending period and (for
 * two of them) a points pledge; and one donation waiting for staff. Nothing is on loan: the demo
 * starts with an empty queue.
 */
import type { DonationRecord, ItemRecord } from '../../src/core/lending/model'
import { SEEDED_AT } from './ids'

const C = { streetId: 'st-dongjie', communityId: 'cm-xinhua' }

export function xinhuaLending(): { items: ItemRecord[]; donations: DonationRecord[] } {
  const items = (
    [
      ['drill', 'TQDR2345', '冲击电钻', ['电池', '充电器', '钻头套装'], '党群服务中心一楼工具柜', 7, 0],
      ['ladder', 'TQLD2345', '铝合金折叠梯', [], '党群服务中心一楼储物间', 3, 0],
      ['screw', 'TQSD2345', '电动螺丝刀', ['批头套装', '充电线'], '党群服务中心一楼工具柜', 7, 0],
      ['sewing', 'TQSW2345', '家用缝纫机', ['脚踏板', '电源线', '压脚'], '党群服务中心二楼活动室', 14, 10],
      ['pruner', 'TQPR2345', '高枝剪', ['延长杆'], '党群服务中心一楼储物间', 3, 0],
      ['cart', 'TQCT2345', '折叠手推车', [], '党群服务中心门卫室', 2, 0],
      ['bp', 'TQBP2345', '电子血压计', ['袖带', '电池'], '党群服务中心一楼服务台', 7, 5],
    ] as const
  ).map(([key, code, name, accessories, location, periodDays, pledgePoints]): ItemRecord => ({
    _id: `li-xinhua-${key}`,
    communityId: C.communityId,
    path: C,
    code,
    name,
    photo: null,
    accessories: [...accessories],
    condition: 'good',
    location,
    periodDays,
    pickupDays: 2,
    pledgePoints,
    keeperId: null,
    keeperName: null,
    status: 'available',
    donationId: null,
    labelFileId: null,
    requestId: `seed-lending-${key}`,
    createdBy: 'user-xinhua-admin',
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
    version: 1,
    events: [],
  }))
  const donations: DonationRecord[] = [
    {
      _id: 'ld-xinhua-tent',
      communityId: C.communityId,
      path: C,
      donorId: 'user-resident-li',
      donorName: '李德明',
      text: '孩子长大了用不上的儿童自行车一辆，八成新，带辅助轮',
      photos: [],
      status: 'offered',
      reason: null,
      itemId: null,
      points: 0,
      requestId: 'seed-donation-bike',
      decidedBy: null,
      decidedAt: null,
      createdAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
      version: 1,
    },
  ]
  return { items, donations }
}
