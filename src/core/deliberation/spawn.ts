/**
 * 民办, two more ways a topic's work is shown (issue #15 item 5): a volunteer activity published
 * for a topic being carried out (linked both ways as it is created: the activity's `topicId` and
 * the topic's work, one `add_work` move), and photos of the work's progress or result in the 公示,
 * attached by staff over the topic's place. Pure: the stores write what these decide.
 */
import { CommonErrorCodes, DomainError } from '../errors'
import { checkUploads } from '../uploads'
import { withWork } from './carry'
import { moveTopic, type MoveOutcome, type Mover } from './decide'
import { DeliberationErrors } from './errors'
import { MeetingErrors } from './meeting'
import type { TopicRecord, TopicStatus } from './model'

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
  const work = withWork(t, { orders: [], activities: [{ id: a.id, title: a.title, endAt: a.endAt }] }, requestId, now)
  return moveTopic(t, { move: 'add_work', work }, by, now)
}

// ── Photos of the work (公示) ──

export const WORK_PHOTOS_MAX = 9
/** The steps during which staff attach or remove photos of the work: carried out, or evaluated. */
export const WorkPhotoSteps: readonly TopicStatus[] = ['doing', 'evaluating']

/** Where the client uploads photo n (1–9) of a topic's work: the uploader's own folder for it. */
export function workPhotoPath(userId: string, topicId: string, n: number): string {
  return `topics/${userId}/${topicId}/work/${n}.jpg`
}

/** The first `k` photo numbers free in my folder (photos already shown keep theirs). */
export function freeWorkSlots(shown: readonly string[], userId: string, topicId: string, k: number): number[] {
  const mine = `/topics/${userId}/${topicId}/work/`
  const taken = new Set(shown.flatMap((p) => (p.includes(mine) ? [/([1-9])\.\w+$/.exec(p)?.[1]] : [])))
  const free: number[] = []
  for (let n = 1; n <= WORK_PHOTOS_MAX && free.length < k; n += 1) if (!taken.has(String(n))) free.push(n)
  return free
}

export interface PhotoChange {
  readonly add: readonly string[]
  readonly remove: readonly string[]
}

/**
 * The topic's work photos after this change, by staff over its place (`AUTH.FORBIDDEN`), while it
 * is carried out or evaluated (`DELIBERATION.WORK_PHOTOS_STEP`): removals of photos not shown and
 * additions already shown change nothing (a retry is harmless); a new photo must be in the
 * caller's own folder for this topic (`DELIBERATION.PHOTO_INVALID`); at most 9 in all
 * (`DELIBERATION.TOO_MANY_PHOTOS`). Null: nothing changes.
 */
export function changeWorkPhotos(
  t: Pick<TopicRecord, '_id' | 'status' | 'workPhotos'>,
  change: PhotoChange,
  by: { readonly userId: string; readonly staff: boolean },
): readonly string[] | null {
  if (!by.staff) throw new DomainError(CommonErrorCodes.FORBIDDEN, '实施照片由本网格工作人员上传')
  if (!WorkPhotoSteps.includes(t.status))
    throw new DomainError(DeliberationErrors.WORK_PHOTOS_STEP, '议题实施中或评价中才能更改实施照片')
  const before = t.workPhotos ?? []
  const added = [...new Set(change.add)].filter((p) => !before.includes(p))
  checkUploads(added, { folder: 'topics', userId: by.userId, key: `${t._id}/work` }, WORK_PHOTOS_MAX, {
    tooMany: MeetingErrors.TOO_MANY_PHOTOS,
    invalid: MeetingErrors.PHOTO_INVALID,
  })
  const next = [...before.filter((p) => !change.remove.includes(p)), ...added]
  if (next.length > WORK_PHOTOS_MAX)
    throw new DomainError(MeetingErrors.TOO_MANY_PHOTOS, `实施照片最多 ${WORK_PHOTOS_MAX} 张`)
  return next.length === before.length && next.every((p, i) => p === before[i]) ? null : next
}
