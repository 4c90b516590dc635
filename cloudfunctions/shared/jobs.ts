/**
 * The timer's jobs: each feature's periodic work (expire what is due, close what ended, remind
 * whoever is late), named, run by the `sweep` function one after another. A job that throws is
 * logged and the next still runs: one feature's bad document never stops another's deadlines.
 * Every job is a conditional write per record, so two sweeps running at once act once.
 */
import { jsonLog } from './kit'

export interface TimerJob {
  /** The feature and what it does: `wishes.expire`, `deliberation.closeVotes`… (the log's key). */
  readonly name: string
  readonly run: (now: Date) => Promise<unknown>
}

export interface JobsReport {
  /** Each job's answer (a count or a report), by name; `null` for a job that failed. */
  readonly results: Readonly<Record<string, unknown>>
  readonly failed: readonly string[]
}

/** Runs every job in order, each isolated; answers what each did and which failed. */
export async function runJobs(jobs: readonly TimerJob[], now: Date): Promise<JobsReport> {
  const results: Record<string, unknown> = {}
  const failed: string[] = []
  for (const job of jobs) {
    try {
      results[job.name] = await job.run(now)
    } catch (err) {
      results[job.name] = null
      failed.push(job.name)
      jsonLog({
        level: 'error',
        what: 'sweep job failed',
        job: job.name,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      })
    }
  }
  return { results, failed }
}
