/**
 * `notify`: timer-triggered retry of subscribe messages that were stored but not delivered
 * (pending after a crash, failed with backoff elapsed, stuck mid-send). No user ever calls it; the
 * platform fires it every 5 minutes (config.json). Lean on purpose: it bundles only the notifier.
 */
import { retryUndelivered } from '../../shared/notify'

export async function main(): Promise<{ ok: true; outcomes: Record<string, string> }> {
  const outcomes = await retryUndelivered()
  console.log(JSON.stringify({ level: 'info', what: 'notify.retry', tried: Object.keys(outcomes).length }))
  return { ok: true, outcomes }
}
