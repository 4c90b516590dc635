/**
 * What a viewer sees of an errand: the reveal policy, written once. The store
 * (cloudfunctions/shared/repos/errands-view.ts) asks `sightOf`, loads only what it allows, logs the
 * read when it says so, and builds the answer with `toCard` / `toDetail`.
 *
 * - In a list (the board, 我发布的, 我帮的, the dispute queue) a card carries no address, note or
 *   phone for anyone; the requester's name is whole only for the requester herself (her own), masked
 *   (王**) for everyone else. A list read is never logged, so it reveals nobody else's data.
 * - In the detail the requester sees all of her own errand. The accepted helper sees her name in
 *   full, the note, the address and the phone while the errand is theirs to do (accepted, in
 *   progress, done, locked), and that read is logged first. Everyone else sees the name masked
 *   and none of them.
 * - An erased requester (me.delete) has the placeholder for a name: shown as it is, never masked.
 */
import type { ErrandCard, ErrandDetail } from './api'
import { isoOrNull as iso } from '../china-time'
import { maskName } from '../privacy/mask'
import { movesFor, type ErrandActor } from './machine'
import {
  ErrandStatusLabel,
  ErrandTypeLabel,
  MAX_CODE_TRIES,
  type ErrandRecord,
  type ErrandStatus,
} from './model'

/** Where the errand is shown: a card in a list, or the detail page. */
export type ErrandPlace = 'list' | 'detail'

/** Who looks: their user id and what they are to the errand (decide.ts `actorsOf`). */
export interface ErrandViewer {
  readonly userId: string
  readonly actors: readonly ErrandActor[]
}

/** What of the requester's data, and of the errand's private parts, this viewer sees. */
export interface ErrandSight {
  /** The requester's name whole (else masked: 王**). */
  readonly fullName: boolean
  /** The requester's note to the helper. */
  readonly note: boolean
  /** The meeting point and the household address. */
  readonly address: boolean
  /** The requester's phone. */
  readonly phone: boolean
  /** Child pickup: the handover code (the requester gives it to the school's side). */
  readonly handoverCode: boolean
  /** How many wrong handover codes are left. */
  readonly codeTries: boolean
  /** Why the requester disputed. */
  readonly disputeReason: boolean
  /** Someone other than the requester sees her personal data: the read is logged before it is answered. */
  readonly logged: boolean
}

/** Statuses in which the accepted helper needs the requester's name, note, address and phone. */
export const HelperSeesContactIn: readonly ErrandStatus[] = ['accepted', 'in_progress', 'done', 'locked']

type Seen = Pick<ErrandRecord, 'requesterId' | 'helperId' | 'status'>

/** What `viewer` sees of errand `e` at `place`. */
export function sightOf(viewer: ErrandViewer, e: Seen, place: ErrandPlace): ErrandSight {
  const own = viewer.userId === e.requesterId
  const helper = e.helperId !== null && e.helperId === viewer.userId
  if (place === 'list') {
    return {
      fullName: own,
      note: false,
      address: false,
      phone: false,
      handoverCode: false,
      codeTries: false,
      disputeReason: false,
      logged: false,
    }
  }
  const contact = own || (helper && HelperSeesContactIn.includes(e.status))
  return {
    fullName: contact,
    note: contact,
    address: contact,
    phone: contact,
    handoverCode: own,
    codeTries: own || helper,
    disputeReason: own || viewer.actors.includes('grid_worker'),
    logged: contact && !own,
  }
}

/** The requester's name as this sight shows it; an erased requester's placeholder as it is. */
export function requesterNameFor(
  e: Pick<ErrandRecord, 'requesterName' | 'requesterErased'>,
  sight: Pick<ErrandSight, 'fullName'>,
): string {
  return e.requesterErased || sight.fullName ? e.requesterName : maskName(e.requesterName)
}

/** A card: no address, no phone, no note; the name as `sight` says. */
export function toCard(e: ErrandRecord, buildingName: string, sight: ErrandSight): ErrandCard {
  return {
    errandId: e._id,
    type: e.type,
    typeLabel: ErrandTypeLabel[e.type],
    text: e.text,
    status: e.status,
    statusLabel: ErrandStatusLabel[e.status],
    windowStart: new Date(e.windowStart).toISOString(),
    windowEnd: new Date(e.windowEnd).toISOString(),
    requesterName: requesterNameFor(e, sight),
    buildingName,
    points: e.points,
  }
}

/** What the store loaded for the detail: the building's name always, the rest only when `sight.address` / `sight.phone`. */
export interface DetailPlaces {
  readonly buildingName: string
  readonly unitName: string | null
  readonly room: string | null
  readonly phone: string | null
}

/** The detail as `viewer` sees it, with their buttons (`movesFor`). */
export function toDetail(
  viewer: ErrandViewer,
  e: ErrandRecord,
  sight: ErrandSight,
  loaded: DetailPlaces,
  retried = false,
): ErrandDetail {
  const home = `${loaded.buildingName}${loaded.unitName ?? ''}${loaded.room ?? ''}室`
  return {
    ...toCard(e, loaded.buildingName, sight),
    as: viewer.actors.filter((a): a is 'requester' | 'helper' | 'grid_worker' => a !== 'system'),
    moves: movesFor(e.status, viewer.actors, e.type),
    note: sight.note ? e.note : null,
    helperName: e.helperName,
    address: !sight.address ? null : e.meetingPoint ? `${e.meetingPoint}（住址：${home}）` : home,
    phone: sight.phone ? loaded.phone : null,
    handoverCode: sight.handoverCode ? e.handoverCode : null,
    needsCode: e.handoverCode !== null,
    acceptedAt: iso(e.acceptedAt),
    pickedUpAt: iso(e.pickedUpAt),
    doneAt: iso(e.doneAt),
    confirmedAt: iso(e.confirmedAt),
    disputeReason: sight.disputeReason ? e.disputeReason : null,
    thanks: e.thanks,
    codeTriesLeft: e.handoverCode && sight.codeTries ? Math.max(MAX_CODE_TRIES - e.codeTries, 0) : null,
    retried,
  }
}
