/**
 * `sweep`: timer-triggered (every minute, config.json). First it dispatches what moves still owe
 * when the nudge right after them did not (counters, messages, follow-on work: the one effects
 * path, docs/adr/0019-plans-and-one-outbox.md), then it walks over work orders whose next deadline
 * passed (index `orders.due`): escalate one tier up (grid → community → street), mark overdue at
 * the street, close replied orders whose reopen window ended, and notify. Then each feature's timer
 * jobs run (`JOBS`, each isolated: a job that fails is logged and the next still runs): expire
 * errands, vouchers (points refunded) and unclaimed wishes past their date; in the 百宝屋, expire
 * pickup windows that ended, start the next hold in line and send loans' staged due reminders; close household votes
 * whose time passed and remind before; open the evaluation of topics whose work is done and close
 * evaluations that ended; remind a meeting's organiser of missing minutes. Each action is a
 * conditional write on its record's version, so two sweeps running at once act once.
 *
 * The clock: the platform's, except that a caller WITHOUT an OPENID (the timer, the console, the
 * CLI, another function, tests through the emulator's admin invoke) may pass `{ now: ISO string }`
 * to sweep as of that instant. A mini-program user always carries an OPENID and is refused outright:
 * nobody's phone can run the sweep, let alone with its own clock.
 */
import { runJobs, type TimerJob } from '../../shared/jobs'
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
import { sendDue as sendDueNotices } from '../../shared/repos/notices-sweep'
import { expireErrands } from './errands'
import { expireDue as expireWishes } from '../../shared/repos/wishes-sweep'
import { expireVouchers } from './vouchers'
import { sweepLending } from '../../shared/repos/lending-sweep'
import { purgeRateWindows } from '../../shared/repos/open311'

/**
 * The features' timer jobs, in the order they run (one line a job; each isolated: ../../shared/jobs.ts).
 * The orders' deadlines run first, on their own (their report is the answer).
 */
const JOBS: readonly TimerJob[] = [
  { name: 'errands.expire', run: expireErrands },
  { name: 'market.expireVouchers', run: expireVouchers },
  { name: 'deliberation.closeVotes', run: closeDueVotes },
  { name: 'deliberation.remindVotes', run: remindClosingVotes },
  { name: 'deliberation.finishTopics', run: finishReadyTopics },
  { name: 'deliberation.closeEvaluations', run: closeDueEvaluations },
  { name: 'deliberation.remindMinutes', run: remindMissingMinutes },
  { name: 'wishes.expire', run: expireWishes },
  // Scheduled important notices whose time came: their subscribe message goes to the outbox.
  { name: 'notices.sendDue', run: sendDueNotices },
  // 百宝屋: expired pickup windows, queues to start, staged due reminders (repos/lending-sweep.ts).
  { name: 'lending.sweep', run: sweepLending },
  // Open311: the per-IP counters of minutes that ended (repos/open311.ts).
  { name: 'open311.purgeRate', run: purgeRateWindows },
]

type Answer =
  | { ok: true; now: string; report: SweepReport; dispatched: number; failed: readonly string[] }
  | { ok: false; error: string }

export async function main(event: unknown): Promise<Answer> {
  if (callerOpenId()) return { ok: false, error: 'AUTH.FORBIDDEN' }
  const given = (event as { now?: unknown } | null)?.now
  const now = typeof given === 'string' && !Number.isNaN(Date.parse(given)) ? new Date(given) : new Date()
  const outbox = await dispatchPending(now)
  const report = await sweep(now)
  const jobs = await runJobs(JOBS, now)
  console.log(
    JSON.stringify({
      level: 'info',
      what: 'sweep',
      now: now.toISOString(),
      ...report,
      outbox,
      ...jobs.results,
    }),
  )
  return { ok: true, now: now.toISOString(), report, dispatched: outbox.dispatched, failed: jobs.failed }
}
