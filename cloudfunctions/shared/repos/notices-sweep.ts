/** The notices' part of the timer: scheduled important notices sent when their time comes. */
import { entryOf } from '../../../src/core/effects'
import { pushEffects } from '../../../src/core/notices/effects'
import { NOTICES, type NoticeRecord } from '../../../src/core/notices/model'
import { updatePlan } from '../../../src/core/plan'
import { decideAndRun } from '../runner'
import { db } from '../sdk'
import { load } from './notices-base'

/**
 * The sweep: scheduled important notices whose time has come hand their message to the outbox
 * (index `push_due`), each a conditional move on its version; at most 50 a run.
 */
export async function sendDue(now: Date): Promise<number> {
  const _ = db().command
  const res = await db()
    .collection(NOTICES)
    .where({ push: 'scheduled', publishAt: _.lte(now) })
    .limit(50)
    .get()
  let sent = 0
  for (const due of res.data as NoticeRecord[]) {
    const moved = await decideAndRun<NoticeRecord, boolean>(
      () => load(due._id),
      (n) => {
        if (n.push !== 'scheduled' || n.status !== 'published') return { done: false }
        const entry = entryOf('push', now, pushEffects(n, now))
        return {
          plan: updatePlan(
            NOTICES,
            n._id,
            { version: n.version },
            { push: 'queued', version: n.version + 1 },
            entry,
          ),
          result: true,
        }
      },
      now,
    )
    if (moved) sent += 1
  }
  return sent
}
