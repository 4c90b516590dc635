/**
 * Photos of a proposed topic (issue #15 item 1): a resident attaches up to 9 when proposing. There
 * is no image check in content security, so a staff member is the check, as a staff release marks a
 * report's photos checked: the proposer and staff over the place see them at once; the grid's other
 * residents once a staff member moved the topic on (confirmed it, or, when the households' support
 * confirmed it, the next staff move: a vote opened, a decision recorded). A rejection is not a
 * look that publishes them: a rejected topic's photos stay with its proposer and staff.
 */
import { checkUploads } from '../uploads'
import type { TopicMove, TopicParty } from './machine'
import type { TopicRecord } from './model'
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
