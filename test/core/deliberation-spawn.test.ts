/**
 * 民办 spawns its work (src/core/deliberation/spawn.ts) and the staff's photos of the work
 * (photos.ts), against expectations written by hand from issue #15 item 5: an activity published
 * for a topic joins its work through `add_work` (only while it is carried out, only for the topic's
 * community, by staff, within the 12 items); the 公示's photos, ≤ 9, staff's own uploads.
 */
import { newTopic, type Mover } from '../../src/core/deliberation/decide'
import type { TopicRecord, TopicWork } from '../../src/core/deliberation/model'
import {
  changeWorkPhotos,
  freeWorkSlots,
  workPhotoPath,
  WORK_PHOTOS_MAX,
} from '../../src/core/deliberation/photos'
import { spawnActivity } from '../../src/core/deliberation/spawn'
import { DAY, GRID, T0, codeOf } from './deliberation-fixtures'

const staff: Mover = { kind: 'person', userId: 'u_a', name: '李社区', parties: ['staff'] }
const council: Mover = { kind: 'person', userId: 'u_c', name: '杨丽华', parties: ['council'] }

const work = (n: number, patch: Partial<TopicWork> = {}): TopicWork => ({
  plan: '在3号楼东侧安装 10 个充电口',
  responsible: '张网格',
  items: Array.from({ length: n }, (_, i) => ({
    kind: 'order' as const,
    id: `wo_${i}`,
    title: '安全隐患',
    at: T0,
  })),
  ordersLeft: n,
  readyAfter: T0,
  requests: ['c1'],
  ...patch,
})
const topic = (patch: Partial<TopicRecord> = {}): TopicRecord => ({
  ...newTopic({
    id: 'tp_1',
    requestId: 'r1',
    proposer: { userId: 'u_r', name: '王秀英' },
    place: GRID,
    placeName: '一网格',
    title: '在3号楼旁安装充电桩',
    text: '飞线充电太危险',
    households: 20,
    now: T0,
  }),
  status: 'doing',
  decision: '同意安装',
  work: work(1),
  version: 7,
  ...patch,
})
const activity = {
  id: 'ac_9',
  communityId: 'c1',
  title: '充电安全宣传',
  endAt: new Date(T0.getTime() + 3 * DAY),
}

describe('an activity published for a topic', () => {
  it('joins the work of a topic being carried out: one add_work move, ready after it ends', () => {
    const { next, effects } = spawnActivity(topic(), activity, 'pub1', staff, T0)
    expect(next).toMatchObject({ status: 'doing', version: 8 })
    expect(next.work?.items.map((i) => [i.kind, i.id, i.title])).toEqual([
      ['order', 'wo_0', '安全隐患'],
      ['activity', 'ac_9', '充电安全宣传'],
    ])
    expect(next.work).toMatchObject({
      plan: '在3号楼东侧安装 10 个充电口',
      responsible: '张网格',
      ordersLeft: 1,
      readyAfter: activity.endAt,
      requests: ['c1', 'pub1'],
    })
    expect(next.events.at(-1)).toMatchObject({ move: 'add_work', by: 'u_a' })
    // Adding work tells nobody (as topic.carry's add_work).
    expect(effects.filter((e) => e.kind === 'notify')).toEqual([])
  })

  it.each<[string, Partial<TopicRecord>, typeof activity, Mover, string]>([
    ['of another community', {}, { ...activity, communityId: 'c2' }, staff, 'DELIBERATION.OTHER_COMMUNITY'],
    [
      'decided, not yet carried out',
      { status: 'decided', work: null },
      activity,
      staff,
      'DELIBERATION.NOT_DOING',
    ],
    ['being evaluated', { status: 'evaluating' }, activity, staff, 'DELIBERATION.NOT_DOING'],
    ['on the agenda', { status: 'confirmed', work: null }, activity, staff, 'DELIBERATION.NOT_DOING'],
    ['closed', { status: 'evaluated' }, activity, staff, 'DELIBERATION.NOT_DOING'],
    ['with 12 items already', { work: work(12) }, activity, staff, 'DELIBERATION.BAD_WORK'],
    ['by the council (not staff)', {}, activity, council, 'AUTH.FORBIDDEN'],
    ['with 11 items (the 12th)', { work: work(11) }, activity, staff, 'ok'],
  ])('a topic %s → %s', (_n, patch, a, by, want) => {
    expect(codeOf(() => spawnActivity(topic(patch), a, 'pub1', by, T0))).toBe(want)
  })
})

describe('photos of the work in the 公示', () => {
  const me = { userId: 'u_w', staff: true }
  const mine = (n: number) => `cloud://env-1.x/${workPhotoPath('u_w', 'tp_1', n)}`
  const theirs = (n: number) => `cloud://env-1.x/${workPhotoPath('u_x', 'tp_1', n)}`
  const shown = (n: number) => Array.from({ length: n }, (_, i) => theirs(i + 1))

  it.each<[string, Partial<TopicRecord>, { add?: string[]; remove?: string[] }, string | string[] | null]>([
    ['added while carried out', {}, { add: [mine(1), mine(2)] }, [mine(1), mine(2)]],
    ['added while evaluated', { status: 'evaluating' }, { add: [mine(1)] }, [mine(1)]],
    [
      'one removed, one added',
      { workPhotos: [theirs(1), theirs(2)] },
      { add: [mine(1)], remove: [theirs(1)] },
      [theirs(2), mine(1)],
    ],
    ['the 9th', { workPhotos: shown(8) }, { add: [mine(1)] }, [...shown(8), mine(1)]],
    [
      'a retry: already shown, not shown',
      { workPhotos: [mine(1)] },
      { add: [mine(1)], remove: [mine(2)] },
      null,
    ],
    ['the 10th', { workPhotos: shown(9) }, { add: [mine(1)] }, 'DELIBERATION.TOO_MANY_PHOTOS'],
    [
      'ten at once',
      {},
      { add: Array.from({ length: 10 }, (_, i) => mine(i + 1)) },
      'DELIBERATION.TOO_MANY_PHOTOS',
    ],
    ['another person’s upload', {}, { add: [theirs(1)] }, 'DELIBERATION.PHOTO_INVALID'],
    [
      'of another topic',
      {},
      { add: [`cloud://env-1.x/${workPhotoPath('u_w', 'tp_2', 1)}`] },
      'DELIBERATION.PHOTO_INVALID',
    ],
    [
      'a proposal photo path',
      {},
      { add: ['cloud://env-1.x/topics/u_w/tp_1/1.jpg'] },
      'DELIBERATION.PHOTO_INVALID',
    ],
    ['decided, not carried out', { status: 'decided' }, { add: [mine(1)] }, 'DELIBERATION.WORK_PHOTOS_STEP'],
    ['closed', { status: 'evaluated' }, { add: [mine(1)] }, 'DELIBERATION.WORK_PHOTOS_STEP'],
  ])('%s', (_n, patch, change, want) => {
    const t = topic(patch)
    const run = () => changeWorkPhotos(t, { add: change.add ?? [], remove: change.remove ?? [] }, me)
    if (typeof want === 'string') expect(codeOf(run)).toBe(want)
    else expect(run()).toEqual(want)
  })

  it('only staff of the place', () => {
    expect(
      codeOf(() =>
        changeWorkPhotos(topic(), { add: [mine(1)], remove: [] }, { userId: 'u_w', staff: false }),
      ),
    ).toBe('AUTH.FORBIDDEN')
  })

  it('the client uploads to numbers none of my shown photos holds', () => {
    expect(WORK_PHOTOS_MAX).toBe(9)
    expect(freeWorkSlots([], 'u_w', 'tp_1', 3)).toEqual([1, 2, 3])
    expect(freeWorkSlots([mine(1), theirs(2), mine(3)], 'u_w', 'tp_1', 3)).toEqual([2, 4, 5])
    expect(freeWorkSlots([mine(2)], 'u_w', 'tp_2', 1)).toEqual([1])
  })
})
