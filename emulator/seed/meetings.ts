/**
 * The demo's offline meeting (议事会) in 新华社区第1网格: the charger topic's meeting, held between
 * being put on the agenda and its household vote, closed with minutes, attendance and the two
 * options it came to. Built through core's own deciders, like a real one.
 */
import type { MeetingRecord } from '../../src/core/deliberation/meeting'
import { moveMeeting, newMeeting } from '../../src/core/deliberation/meeting-decide'
import type { TopicRecord } from '../../src/core/deliberation/model'
import { demoId, SEEDED_AT } from './ids'

/** The held meeting of the charger topic (the elder-mode sweep opens it). */
export const DEMO_MEETING_ID = demoId('mt', 'e睦邻 demo meeting chargers')

const at = (days: number) => new Date(SEEDED_AT.getTime() + days * 86_400_000)

export function xinhuaMeetings(topics: readonly TopicRecord[]): MeetingRecord[] {
  const chargers = topics.find((t) => t.requestId === 'seed-topic-chargers')
  if (!chargers) return []
  const scheduled = newMeeting({
    id: DEMO_MEETING_ID,
    requestId: 'seed-meeting-chargers',
    topic: chargers,
    organiser: { userId: 'user-xinhua-01-worker', name: '网格员' },
    fields: { title: chargers.title, place: '新华社区党群服务中心二楼议事室', startsAt: at(11.4) },
    now: at(11),
  }).next
  const { next } = moveMeeting(
    scheduled,
    {
      move: 'close',
      fields: {
        minutes:
          '到会居民代表逐一发言。大家同意集中安装电动车充电桩，地点在3号楼东侧空地或小区北门停车场二选一，交由每户投票决定；费用由街道民生微实事项目承担，物业负责日常管理。',
        attendance: { households: 9, people: 14 },
        photos: [],
        options: ['3号楼东侧空地', '小区北门停车场'],
      },
    },
    { userId: 'user-xinhua-01-worker', parties: ['organiser', 'staff'] },
    at(11.6),
  )
  return [{ ...next, outbox: [], outboxAt: null }]
}
