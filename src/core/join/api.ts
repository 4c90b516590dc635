import * as v from 'valibot'
import { defineAction } from '../contract/define'
import type { JoinPolicy, OrgPath } from '../org/model'
import type { JoinMove } from './machine'
import type { JoinStatus } from './rules'

/** Where a scanned code (or the manual picker) puts the resident. */
export interface JoinTarget {
  readonly street: { readonly id: string; readonly name: string }
  readonly community: { readonly id: string; readonly name: string; readonly joinPolicy: JoinPolicy }
  readonly grid: { readonly id: string; readonly name: string }
  /** Set when the code is a building's; a grid code leaves the building to pick. */
  readonly building: { readonly id: string; readonly name: string } | null
}

export interface NamedOption {
  readonly id: string
  readonly name: string
}

/** A join request as its applicant sees it. */
export interface MyJoin {
  readonly joinId: string
  readonly status: JoinStatus
  readonly gridName: string
  readonly buildingName: string
  readonly unitName: string
  readonly room: string
  readonly reason: string | null
  /** True when this request moves the applicant out of their current household on approval. */
  readonly move: boolean
  /**
   * What the applicant may do with it now (core/join/machine.ts, asked by the function): the page's
   * buttons, so the main package does not carry the machine.
   */
  readonly moves: readonly JoinMove[]
}

/** A join request as a decider sees it: what they need to recognise a neighbour, phone masked. */
export interface JoinInboxItem {
  readonly joinId: string
  readonly name: string
  readonly maskedPhone: string | null
  readonly buildingName: string
  readonly unitName: string
  readonly room: string
  readonly submittedAt: string
  readonly path: OrgPath
  /** The applicant already lives elsewhere in the app and is moving here. */
  readonly move: boolean
}

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64))
/** A name of 1–20 characters after trimming; no digits, control characters or angle brackets. */
const personName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, '请填写姓名'),
  v.maxLength(20, '姓名不超过 20 个字'),
  v.regex(/^[^\d\p{Cc}<>]+$/u, '姓名格式不正确'),
)
const room = v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z-]{1,8}$/, '请填写房号，如 302'))
const mobile = v.pipe(v.string(), v.trim(), v.regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号'))
/** A client-generated id that makes a retried submit land once. */
export const clientRequestId = v.pipe(v.string(), v.regex(/^[0-9A-Za-z_-]{8,64}$/, 'bad request id'))

/** Picker levels; `street` lists every street (its parentId is ignored). */
export const OptionLevels = ['street', 'community', 'grid', 'building', 'unit'] as const

export const joinActions = {
  /** What a scanned scene points at; JOIN.CODE_INVALID for unknown or regenerated codes. */
  'code.resolve': defineAction<JoinTarget>()(v.strictObject({ scene: v.pipe(v.string(), v.maxLength(64)) })),
  /** Children of a node for the manual picker: street → communities → grids → buildings → units. */
  'join.options': defineAction<readonly NamedOption[]>()(
    v.strictObject({ level: v.picklist(OptionLevels), parentId: id }),
  ),
  /**
   * Asks to join the household at unit + room. Needs consent to the privacy guide. Approved at once
   * under an `auto` policy, else pending for the grid worker / building leader (who are notified).
   * `scene`: the scanned code, when the resident came from one (recorded as `via: 'code'` when it
   * points at the chosen unit; a retired or unknown code fails with JOIN.CODE_INVALID).
   * `move`: a member of a household asks to move here; they stay where they are until approved.
   */
  'join.submit': defineAction<MyJoin>()(
    v.strictObject({
      requestId: clientRequestId,
      unitId: id,
      room,
      name: personName,
      phone: v.optional(mobile),
      consent: v.literal(true, '请先阅读并同意隐私保护指引'),
      scene: v.optional(v.pipe(v.string(), v.maxLength(64))),
      move: v.optional(v.boolean()),
    }),
  ),
  /** The applicant withdraws their own pending request (JOIN.NOT_PENDING once decided). */
  'join.cancel': defineAction<MyJoin>()(v.strictObject({ joinId: id })),
  /**
   * WeChat's phone-number button (`open-type="getPhoneNumber"`) hands the page a one-time code; the
   * function exchanges it for the number (`phonenumber.getPhoneNumber`). Nothing is stored: the
   * number only fills the form, which the resident may still edit or clear.
   */
  'phone.fromCode': defineAction<{ readonly phone: string }>()(
    v.strictObject({ code: v.pipe(v.string(), v.minLength(1), v.maxLength(128)) }),
  ),
  /** My latest join request (null when I have never asked). */
  'join.mine': defineAction<MyJoin | null>()(v.strictObject({})),
  /** Pending requests I may decide, oldest first. */
  'join.inbox': defineAction<readonly JoinInboxItem[]>()(v.strictObject({})),
  'join.decide': defineAction<MyJoin>()(
    v.union([
      v.strictObject({ joinId: id, decision: v.literal('approve') }),
      v.strictObject({
        joinId: id,
        decision: v.literal('reject'),
        reason: v.pipe(v.string(), v.trim(), v.minLength(2, '请填写不通过的原因'), v.maxLength(100)),
      }),
    ]),
  ),
}
