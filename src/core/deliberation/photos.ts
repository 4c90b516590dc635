/**
 * Photos of a topic. Of a proposed topic (issue #15 item 1): a resident attaches up to 9 when proposing. There
 * is no image check in content security, so a staff member is the check, as a staff release marks a
 * report's photos checked: the proposer and staff over the place see them at once; the grid's other
 * residents once a staff member moved the topic on (confirmed it, or, when the households' support
 * confirmed it, the next staff move: a vote opened, a decision recorded). A rejection is not a
 * look that publishes them: a rejected topic's photos stay with its proposer and staff.
 * Of its work (民办 · 公示, issue #15 item 5): staff over its place attach them while it is carried
 * out or evaluated, and everyone who sees the topic sees them (staff are the human check).
 */
import { CommonErrorCodes, DomainError } from '../errors'
import { checkUploads } from '../uploads'
import { DeliberationErrors } from './errors'
import type { TopicMove, TopicParty } from './machine'
import type { TopicRecord, TopicStatus } from './model'
import { MeetingErrors } from './meeting'

export const TOPIC_PHOTOS_MAX = 9

/** Where the client uploads photo n (1-based) of the topic it proposes with this request id. */
export function topicPhotoPath(userId: string, requestId: string, n: number): string {
  return `topics/${userId}/${requestId}/${n}.jpg`
}

/** The proposer's photos: at most 9 (`DELIBERATION.TOO_MANY_PHOTOS`), each in their folder for this request. */
export function checkTopicPhotos(photos: readonly string[], userId: string, requestId: string): string[] {
  checkUploads(photos, { folder: 'topics', userId, key: requestId }, TOPIC_PHOTOS_MAX, {
    tooMany: MeetingErrors.TOO_MANY_PHOTOS,
    invalid: MeetingErrors.PHOTO_INVALID,
  })
  return [...photos]
}

/** Does this move, made by these parties, show the photos to the grid (a staff member looked)? */
export function checksPhotos(move: TopicMove, parties: readonly TopicParty[]): boolean {
  return parties.includes('staff') && move !== 'reject' && move !== 'withdraw'
}

/** May the caller, as these parties, see the topic's photos now? */
export function photosVisible(
  t: Pick<TopicRecord, 'photosChecked'>,
  parties: readonly TopicParty[],
): boolean {
  return parties.includes('proposer') || parties.includes('staff') || t.photosChecked === true
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
export function freeWorkSlots(
  shown: readonly string[],
  userId: string,
  topicId: string,
  k: number,
): number[] {
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
