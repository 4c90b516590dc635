import { useState } from 'react'
import type { StaffPerson } from '@core/admin/api'
import { PointsErrors } from '@core/points/errors'
import { MAX_AMOUNT } from '@core/points/model'
import { toast } from '../components/Notice'
import { errorCopy } from '../services/error-copy'
import { newRequestId } from '../services/request-id'

export interface PointsToPersonOptions {
  /** Shown when no resident was chosen yet. */
  readonly noPerson: string
  /** Sends the transfer; answers the sentence said (a toast) when it landed. */
  readonly send: (person: StaffPerson, amount: number, reason: string, requestId: string) => Promise<string>
  /** The sentence for a failed send. */
  readonly failure: (err: unknown) => string
  /** After a transfer landed (e.g. reload the page's figures). */
  readonly onSent: () => void
}

/**
 * A staff form that moves points to one resident with a reason (积分管理 奖励积分, 社区基金 基金支付):
 * the chosen person, amount and reason, checked before sending (whole 1–MAX_AMOUNT, reason
 * required), one client request id per form kept across retries and renewed after a transfer
 * landed (the form then starts over).
 */
export function usePointsToPerson({ noPerson, send, failure, onSent }: PointsToPersonOptions) {
  const [person, setPerson] = useState<StaffPerson | null>(null)
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [requestId, setRequestId] = useState(newRequestId)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const points = /^\d+$/.test(amount.trim()) ? Number(amount.trim()) : NaN
    if (!person) return setProblem(noPerson)
    if (!Number.isInteger(points) || points < 1 || points > MAX_AMOUNT)
      return setProblem(errorCopy(PointsErrors.BAD_AMOUNT))
    if (!reason.trim()) return setProblem(errorCopy(PointsErrors.REASON_REQUIRED))
    setProblem(null)
    setBusy(true)
    try {
      toast(await send(person, points, reason.trim(), requestId))
      setRequestId(newRequestId())
      setPerson(null)
      setAmount('')
      setReason('')
      onSent()
    } catch (e) {
      setProblem(failure(e))
    } finally {
      setBusy(false)
    }
  }

  return { person, setPerson, amount, setAmount, reason, setReason, requestId, problem, busy, submit }
}
