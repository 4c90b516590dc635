/**
 * Reports as drafts: the form saves a draft (with its client request id), the outbox uploads the
 * photos to `reports/<userId>/<requestId>/<n>.jpg` and calls `report.submit` with the same request id
 * until the server answers with a receipt.
 */
import type { ApiInput } from '@core/api'
import type { ReportReceipt } from '@core/orders/api'
import { photoCloudPath } from '@core/orders/errors'
import { callApi } from './cloud'
import type { Draft } from './drafts'
import { appOutbox, startDraftSync } from './drafts-app'

export const REPORT_DRAFT = 'report'

export interface ReportDraftPayload {
  /** report.submit's input without the request id (the draft's id) and photos (uploaded by the outbox). */
  readonly input: Omit<ApiInput<'report.submit'>, 'requestId' | 'photos'>
  /** For the list of drafts waiting to be sent. */
  readonly categoryName: string
}

export type ReportDraft = Draft<ReportDraftPayload, ReportReceipt>

appOutbox.register<ReportDraftPayload, ReportReceipt>({
  kind: REPORT_DRAFT,
  cloudPath: (draft, index) => photoCloudPath(draft.owner, draft.id, index + 1),
  send: async (draft, photos) => {
    const receipt = await callApi('report.submit', {
      ...draft.payload.input,
      requestId: draft.id,
      photos: [...photos],
    })
    nudge(receipt.orderId)
    return receipt
  },
})

/**
 * Right after the receipt: have the grid workers told and the order counted now (the submit's one
 * write left that owed; docs/adr/0011-order-outbox.md). Not awaited and never fails the report —
 * the server's timer does the same within a minute if this call is lost.
 */
function nudge(orderId: string): void {
  callApi('order.dispatch', { orderId }).catch(() => undefined)
}

export function reportOutbox() {
  startDraftSync()
  return appOutbox
}

export function reportDrafts(): readonly ReportDraft[] {
  return appOutbox.list(REPORT_DRAFT) as readonly ReportDraft[]
}
