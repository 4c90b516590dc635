import type { usePointsToPerson } from '../hooks/use-points-to-person'
import { Field } from './Field'
import { ResidentPicker } from './ResidentPicker'

interface Props {
  readonly form: ReturnType<typeof usePointsToPerson>
  readonly communityId: string
  /** Who receives the points (收款居民, 奖励居民): see ResidentPicker. */
  readonly role: string
  readonly amountLabel: string
  readonly amountHint: string
  readonly reasonLabel: string
  readonly reasonPlaceholder: string
}

/**
 * The fields of a form that moves points to one resident (usePointsToPerson): who, how many, why.
 * Used by subpackage pages only (积分管理 奖励积分, 社区基金 基金支付).
 */
export function PointsToPersonFields({ form, communityId, role, ...labels }: Props) {
  return (
    <>
      {/* A new request id (after a transfer landed) starts the search over. */}
      <ResidentPicker
        key={form.requestId}
        communityId={communityId}
        role={role}
        chosen={form.person}
        onChoose={form.setPerson}
      />
      <Field
        label={labels.amountLabel}
        type="number"
        value={form.amount}
        onInput={form.setAmount}
        maxlength={5}
        hint={labels.amountHint}
      />
      <Field
        label={labels.reasonLabel}
        value={form.reason}
        onInput={form.setReason}
        maxlength={100}
        placeholder={labels.reasonPlaceholder}
      />
    </>
  )
}
