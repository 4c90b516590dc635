/**
 * 民办 spawns its work (issue #15 item 5): besides `topic.carry`'s work orders and linked
 * activities, a volunteer activity published for a topic being carried out, linked both ways as it
 * is created (the activity's `topicId`, and the topic's work through one `add_work` move). Pure:
 * the activities store writes the activity and the topic's move in one transaction. (The staff's
 * photos of the work in the 公示 are ./photos.ts.)
 */
import { DomainError } from '../errors'
import { withWork } from './carry'
import { moveTopic, type MoveOutcome, type Mover } from './decide'
import { DeliberationErrors } from './errors'
import type { TopicRecord } from './model'

/** A new activity as the topic links it. */
export interface SpawnedActivity {
  readonly id: string
  readonly communityId: string
  readonly title: string
  readonly endAt: Date
}

/**
 * A volunteer activity published for this topic: the topic must be of the activity's community
 * (`DELIBERATION.OTHER_COMMUNITY`) and being carried out (`DELIBERATION.NOT_DOING`: a decided
 * topic is carried out first, with its plan and responsible people); the caller staff over it (the
 * machine's `add_work`); at most `WORK_MAX` items in all (`withWork`, `DELIBERATION.BAD_WORK`).
 * The activity's publish request id is recorded with the work's requests.
 */
export function spawnActivity(
  t: TopicRecord,
  a: SpawnedActivity,
  requestId: string,
  by: Mover,
  now: Date,
): MoveOutcome {
  if (t.path.communityId !== a.communityId)
    throw new DomainError(DeliberationErrors.OTHER_COMMUNITY, '议题不属于这个社区')
  if (t.status !== 'doing')
    throw new DomainError(
      DeliberationErrors.NOT_DOING,
      t.status === 'decided' ? '请先安排实施（填写实施方案和责任人），再发布志愿活动' : '议题不在实施中',
    )
  const work = withWork(
    t,
    { orders: [], activities: [{ id: a.id, title: a.title, endAt: a.endAt }] },
    requestId,
    now,
  )
  return moveTopic(t, { move: 'add_work', work }, by, now)
}
