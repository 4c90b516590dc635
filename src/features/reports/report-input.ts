import { parseInput } from '@core/contract/validate'
import { CommonErrorCodes, isDomainError } from '@core/errors'
import { ReportErrors, checkReportDraft, orderActions, type CategoryView } from '@core/orders/api'
import type { OrderLocation } from '@core/orders/model'
import { ServiceError } from '../../services/cloud'
import type { ReportDraftPayload } from '../../services/drafts-report'
import { errorCopy } from '../../services/error-copy'
import type { PickedPhoto } from '../../services/upload-rules'
import type { PickedBuilding } from './components/BuildingPicker'

/** Where the problem is: the reporter's home, a building picked from the list, or a point on the map. */
export type Where = 'home' | 'building' | 'pin'

export interface Pin {
  readonly lng: number
  readonly lat: number
  readonly label: string
}

/** Everything the report form holds when 提交 is tapped. */
export interface ReportForm {
  readonly category: CategoryView | null
  readonly text: string
  readonly photos: readonly PickedPhoto[]
  readonly where: Where
  readonly hasHome: boolean
  readonly building: PickedBuilding | null
  readonly pin: Pin | null
  readonly hideName: boolean
  /** The reporter allows the description in the public Open311 feed (opt-in, residents only). */
  readonly publicText?: boolean
  /** Staff intake (代居民登记): who phoned or walked in; null when residents report for themselves. */
  readonly intake: {
    readonly name: string
    readonly phone: string
    readonly channel: 'phone' | 'walk_in'
  } | null
}

export function locationOf(
  form: Pick<ReportForm, 'where' | 'hasHome' | 'building' | 'pin'>,
): OrderLocation | null {
  const { where, hasHome, building, pin } = form
  if (where === 'home') return hasHome ? { kind: 'household' } : null
  if (where === 'building') return building ? { kind: 'building', buildingId: building.buildingId } : null
  return pin ? { kind: 'point', lng: pin.lng, lat: pin.lat, label: pin.label } : null
}

/**
 * The form as `report.submit`'s input, or the one message to show: the same checks as the function,
 * in the order a person fills the form, so a bad report never enters the outbox.
 */
export function reportInputOf(
  form: ReportForm,
): { readonly value: ReportDraftPayload['input'] } | { readonly error: string } {
  const { category, text, photos, where, hideName, publicText, intake } = form
  if (!category) return { error: errorCopy(ReportErrors.UNKNOWN_CATEGORY) }
  const code = checkReportDraft({ text, photoCount: photos.length, photoBytes: photos.map((p) => p.size) })
  if (code) return { error: errorCopy(code) }
  const loc = locationOf(form)
  if (!loc) return { error: where === 'pin' ? '请在地图上选择问题位置' : '请选择问题所在的楼栋' }
  const value: ReportDraftPayload['input'] = {
    category: category.id,
    text: text.trim(),
    location: loc,
    hideName,
    ...(publicText === true && !intake ? { publicText: true } : {}),
    ...(intake
      ? {
          onBehalfOf: {
            name: intake.name.trim(),
            channel: intake.channel,
            ...(intake.phone.trim() ? { phone: intake.phone.trim() } : {}),
          },
        }
      : {}),
  }
  try {
    // The same schema the function checks: a bad form never enters the outbox.
    parseInput(orderActions['report.submit'].input, { ...value, requestId: 'checkonly0', photos: [] })
  } catch (e) {
    return {
      error: isDomainError(e)
        ? new ServiceError(e.code, e.message, e.details).copy
        : errorCopy(CommonErrorCodes.INVALID_INPUT),
    }
  }
  return { value }
}
