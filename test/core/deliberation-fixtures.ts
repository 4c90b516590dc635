// What the deliberation core tests share: the clock, a grid, the code a refusal answers, and a
// topic of that grid as a resident proposed it (40 households, 10%: 4 supporters needed).
import { newTopic } from '../../src/core/deliberation/decide'
import type { TopicRecord } from '../../src/core/deliberation/model'
import { isDomainError } from '../../src/core/errors'

export const T0 = new Date('2026-12-07T02:00:00Z')
export const H = 3_600_000
export const DAY = 86_400_000
export const GRID = { streetId: 's1', communityId: 'c1', gridId: 'g1' }

/** 'ok', or the domain code the call was refused with. */
export const codeOf = (fn: () => unknown) => {
  try {
    fn()
    return 'ok'
  } catch (err) {
    return isDomainError(err) ? err.code : String(err)
  }
}

/** 王秀英's topic of GRID, proposed at T0, patched. */
export const proposedTopic = (over: Partial<TopicRecord> = {}): TopicRecord => ({
  ...newTopic({
    id: 'tp1',
    requestId: 'req-00001',
    proposer: { userId: 'r', name: '王秀英' },
    place: GRID,
    placeName: '第一网格',
    title: '在3号楼旁安装充电桩',
    text: '飞线充电太危险',
    households: 40,
    now: T0,
  }),
  ...over,
})
