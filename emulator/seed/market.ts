/**
 * 新华社区's love supermarket, and its community fund started with 500 points from issuance, written
 * as a real ledger transfer (transfer, two entries, two cached balances) so audits stay clean.
 */
import type { ItemRecord } from '../../src/core/market/model'
import { planTransfer } from '../../src/core/points/ledger'
import { Causes, fundAccount, issuanceAccount } from '../../src/core/points/model'
import { SEEDED_AT, SeedIds } from './ids'

export function xinhuaMarket() {
  const marketItems: ItemRecord[] = (
    [
      ['soap', '香皂两块', 'goods', '社区服务站领取，每户每月限兑 1 次', 10, 20],
      ['detergent', '洗衣液', 'goods', '2 升装，每户每月限兑 1 瓶', 30, 10],
      ['rice', '大米 5 斤', 'goods', '东北大米，社区服务站领取', 50, 5],
      ['haircut', '理发服务', 'service', '每周三上午，社区服务站', 20, 8],
      ['repair', '一次上门维修', 'service', '水电小修，由党员志愿者上门', 40, 6],
    ] as const
  ).map(([key, name, kind, description, price, stock]) => ({
    _id: SeedIds.items[key],
    communityId: 'cm-xinhua',
    name,
    kind,
    description,
    price,
    stock,
    active: true,
    createdBy: 'user-xinhua-admin',
    requestId: `seed-${key}`,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  }))
  const fundStart = planTransfer(
    {
      cause: Causes.award('user-xinhua-admin', 'seed-fund-start'),
      from: issuanceAccount('cm-xinhua'),
      to: fundAccount('cm-xinhua'),
      amount: 500,
      reason: '社区基金启动（街道拨付）',
      communityId: 'cm-xinhua',
      by: 'user-xinhua-admin',
    },
    0,
    0,
    SEEDED_AT,
    SeedIds.transfers.fundStart,
  )
  return { marketItems, fundStart }
}
