/**
 * The demo's wish wall (心愿墙) in 新华社区第1网格, built through core's own deciders like real ones:
 * two needs on the wall waiting for a helper, one claimed by a party member, one waiting for the grid
 * worker's check, and a suggestion. (None is seeded fulfilled: that needs a photo in storage and
 * points paid through the ledger; the journey makes one.) Dated from the moment of
 * seeding (a wish on the wall has a date to expire by, and must not be past it on a fresh start).
 * The metrics (`wish_stats`) are the counts those moves owe; the numbering counter follows the
 * numbers given. Messages are not replayed: the outboxes are left empty.
 */
import type { Count, Effect } from '../../src/core/effects'
import { moveWish, newWish, type WishInput, type WishMover } from '../../src/core/wishes/decide'
import { wishNo, wishNumberId, type WishKind, type WishRecord } from '../../src/core/wishes/model'
import { WISH_STATS } from '../../src/core/wishes/stats'
import { demoId, STREET_ID } from './ids'

const GRID = { streetId: STREET_ID, communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' }
const DAY = 86_400_000
const worker: WishMover = {
  kind: 'person',
  userId: 'user-xinhua-01-worker',
  name: '网格员',
  parties: ['staff'],
}
const liu: WishMover = { kind: 'person', userId: 'user-helper-liu', name: '刘志强', parties: ['helper'] }

const wishId = (key: string) => demoId('ws', `e睦邻 demo wish ${key}`)

/** Seeded wishes the tests open: on the wall (cooker), claimed by 刘志强 (quilt), to check (radio), a suggestion (bench). */
export const DEMO_WISH_IDS = {
  cooker: wishId('cooker'),
  quilt: wishId('quilt'),
  radio: wishId('radio'),
  bench: wishId('bench'),
} as const

interface Owner {
  readonly userId: string
  readonly name: string
  readonly buildingId: string
  readonly householdId: string
}

export function xinhuaWishes(
  owners: { readonly wang: Owner; readonly chen: Owner },
  seededAt: Date = new Date(),
): { wishes: WishRecord[]; numbers: Record<string, unknown>[]; stats: Record<string, unknown>[] } {
  const at = (days: number) => new Date(seededAt.getTime() + days * DAY)
  const year = Number(new Date(seededAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 4))
  const owed: Effect[] = []
  let n = 0
  const wish = (key: string, owner: Owner, kind: WishKind, title: string, text: string, days: number) => {
    const w = newWish({
      id: wishId(key),
      requestId: `seed-wish-${key}`,
      kind,
      postedBy: { userId: owner.userId, name: owner.name },
      owner: { userId: owner.userId, name: owner.name },
      onBehalf: null,
      path: { ...GRID, buildingId: owner.buildingId, householdId: owner.householdId },
      title,
      text,
      photos: [],
      now: at(days),
    })
    owed.push(...(w.outbox ?? []).flatMap((e) => e.effects))
    return w
  }
  const move = (w: WishRecord, input: WishInput, by: WishMover, days: number) => {
    const out = moveWish(w, input, by, at(days))
    owed.push(...out.effects)
    return out.next
  }
  const publish = (w: WishRecord, days: number, points = 10, publicText?: string) =>
    move(
      w,
      {
        move: 'publish',
        no: wishNo(year, (n += 1)),
        placeShown: '新华社区第1网格',
        publish: { show: 'grid', points, ...(publicText ? { publicText } : {}) },
      },
      worker,
      days,
    )
  const { wang, chen } = owners

  const cooker = publish(
    wish(
      'cooker',
      chen,
      'need',
      '一台电饭锅',
      '家里的电饭锅用了十几年坏了，老伴腿脚不便，想要一台小电饭锅。',
      -6,
    ),
    -5,
    10,
    '一户老人家的电饭锅坏了，想要一台 3 升左右的小电饭锅。',
  )
  const tutor = publish(
    wish('tutor', wang, 'need', '孙子数学辅导', '孙子上初二，数学跟不上，周末想找人辅导一两次。', -4),
    -3,
    15,
    '一位初二学生数学跟不上，希望周末有人辅导一两个小时。',
  )
  const quilt = move(
    publish(
      wish('quilt', chen, 'need', '冬天的厚棉被', '天冷了，家里缺一床厚棉被。', -10),
      -9,
      10,
      '一户独居老人家缺一床冬天的厚棉被。',
    ),
    { move: 'claim', group: null },
    liu,
    -8,
  )
  const pending = wish('radio', chen, 'need', '一台收音机', '老伴眼睛不好，想要一台能听戏的收音机。', -1)
  const bench = wish(
    'bench',
    wang,
    'suggestion',
    '花园边加几张长椅',
    '老人散步走累了没地方坐，建议在小花园边加几张长椅。',
    -2,
  )

  const wishes = [cooker, tutor, quilt, pending, bench].map((w) => ({ ...w, outbox: [], outboxAt: null }))
  const stats = new Map<string, Record<string, unknown>>()
  for (const c of owed.filter((e): e is Count => e.kind === 'count' && e.collection === WISH_STATS)) {
    const doc = stats.get(c.id) ?? { _id: c.id, ...c.init }
    for (const [k, v] of Object.entries(c.incs)) doc[k] = ((doc[k] as number | undefined) ?? 0) + v
    stats.set(c.id, doc)
  }
  return {
    wishes,
    numbers: [{ _id: wishNumberId(GRID.communityId, year), next: n + 1 }],
    stats: [...stats.values()],
  }
}
