/**
 * `sweep`: timer-triggered (every minute, config.json). First it dispatches what moves still owe
 * when the nudge right after them did not (counters, messages, follow-on work: the one effects
 * path, docs/adr/0019-plans-and-one-outbox.md), then it walks over work orders whose next deadline
 * passed (index `orders.due`): escalate one tier up (grid → community → street), mark overdue at
 * the street, close replied orders whose reopen window ended, and notify; expire errands whose window ended and
 * love-supermarket vouchers past their expiry (points refunded), and close household votes whose
 * closing time passed (the result counted from the ballots and published), reminding the grid's
 * households once when a vote closes within a day; remind a meeting's organiser 3 and 7 days after a
 * meeting still without minutes; open the evaluation of topics whose linked work is all done, and
 * close evaluations whose window ended (counted; the topic closed or sent back); in the 百宝屋, expire
 * pickup windows that ended, start the next hold in line, and send loans' staged due reminders
 * (repos/lending-sweep.ts). Each action is a
 * conditional write on the order's version, so two sweeps running at once act once.
 *
 * The clock: the platform's, except that a caller WITHOUT an OPENID (the timer, the console, the
 * CLI, another function, tests through the emulator's admin invoke) may pass `{ now: ISO string }`
 * to sweep as of that instant. A mini-program user always carries an OPENID and is refused outright:
 * nobody's phone can run the sweep, let alone with its own clock.
 */
import { dispatchPending } from '../../shared/outbox'
// The orders store registers its follow-on work (an accepted order's counting and reply deadline).
import { sweep, type SweepReport } from '../../shared/repos/orders'
import { callerOpenId } from '../../shared/sdk'
import {
  closeDueEvaluations,
  closeDueVotes,
  finishReadyTopics,
  remindClosingVotes,
} from '../../shared/repos/deliberation'
import { remindMissingMinutes } from '../../shared/repos/deliberation-meetings'
import { expireErrands } from './errands'
import { expireVouchers } from './vouchers'
import { sweepLending } from '../../shared/repos/lending-sweep'

type Answer =
  { ok: true; now: string; report: SweepReport; dispatched: number } | { ok: false; error: string }

export async function main(event: unknown): Promise<Answer> {
  if (callerOpenId()) return { ok: false, error: 'AUTH.FORBIDDEN' }
  const given = (event as { now?: unknown } | null)?.now
  const now = typeof given === 'string' && !Number.isNaN(Date.parse(given)) ? new Date(given) : new Date()
  const outbox = await dispatchPending(now)
  const report = await sweep(now)
  await expireErrands(now)
  await expireVouchers(now)
  const votesClosed = await closeDueVotes(now)
  const votesReminded = await remindClosingVotes(now)
  const topicsFinished = await finishReadyTopics(now)
  const evaluationsClosed = await closeDueEvaluations(now)
  const minutesReminded = await remindMissingMinutes(now)
  // 百宝屋: expired pickup windows, queues to start, staged due reminders.
  const lending = await sweepLending(now)
  console.log(
    JSON.stringify({
      level: 'info',
      what: 'sweep',
      now: now.toISOString(),
      ...report,
      outbox,
      votesClosed,
      votesReminded,
      topicsFinished,
      evaluationsClosed,
      minutesReminded,
      lending,
    }),
  )
  return { ok: true, now: now.toISOString(), report, dispatched: outbox.dispatched }
}
