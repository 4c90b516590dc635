/**
 * The 百宝屋's timer work (run by the `sweep` function): ready holds whose pickup window ended
 * expire (the holder told) and the next in line starts; queues left waiting on a free item start
 * (a crash between a return and its `startNext`); loans get their staged reminders (due tomorrow,
 * due today, 3 days over), each once: the stage is recorded on the loan in the same conditional
 * write that puts the message on its outbox.
 */
import { entryOf } from '../../../src/core/effects'
import { isDomainError } from '../../../src/core/errors'
import { moveHold } from '../../../src/core/lending/decide'
import { holdEffects, reminderEffects } from '../../../src/core/lending/effects'
import type { HoldRecord, LoanRecord } from '../../../src/core/lending/model'
import { reminderDue } from '../../../src/core/lending/rules'
import { updatePlan } from '../../../src/core/plan'
import { nudge } from '../outbox'
import { runPlan } from '../runner'
import { db } from '../sdk'
import { HOLDS, LOANS } from './lending-base'
import { startNext } from './lending-holds'

export interface LendingSweep {
  readonly holdsExpired: number
  readonly holdsStarted: number
  readonly loansReminded: number
}

export async function sweepLending(now: Date, limit = 50): Promise<LendingSweep> {
  const _ = db().command
  let holdsExpired = 0
  let holdsStarted = 0
  let loansReminded = 0
  const due = await db()
    .collection(HOLDS)
    .where({ status: 'ready', readyUntil: _.lte(now) })
    .orderBy('readyUntil', 'asc')
    .limit(limit)
    .get()
  const items = new Set<string>()
  for (const h of due.data as HoldRecord[]) {
    try {
      const next = moveHold(h, 'expire', 'system', 'system', now)
      const entry = entryOf(`v${next.version}`, now, holdEffects(next, 'expire', 'system', now))
      const plan = updatePlan(
        HOLDS,
        h._id,
        { version: h.version, status: 'ready' },
        { status: next.status, version: next.version, updatedAt: now, events: next.events },
        entry,
      )
      if (await runPlan(plan, now)) {
        holdsExpired += 1
        if (entry) await nudge(HOLDS, h._id, now)
      }
    } catch (err) {
      if (!isDomainError(err)) throw err
    }
    items.add(h.itemId)
  }
  // Waiting queues (oldest first): their item may be free with nobody's window running.
  const waiting = await db()
    .collection(HOLDS)
    .where({ status: 'waiting' })
    .orderBy('createdAt', 'asc')
    .limit(limit)
    .get()
  for (const h of waiting.data as HoldRecord[]) items.add(h.itemId)
  for (const itemId of items) if (await startNext(itemId, now)) holdsStarted += 1

  const loans = await db()
    .collection(LOANS)
    .where({ status: 'out', remindAt: _.lte(now) })
    .orderBy('remindAt', 'asc')
    .limit(limit)
    .get()
  for (const l of loans.data as LoanRecord[]) {
    const { send, next } = reminderDue(l, now)
    const reminded = send ? [...l.reminded, send] : l.reminded
    const entry = send ? entryOf(`remind-${l.renewals}-${send}`, now, reminderEffects(l, send, now)) : null
    const plan = updatePlan(
      LOANS,
      l._id,
      { version: l.version, status: 'out' },
      { reminded, remindAt: next, version: l.version + 1, updatedAt: now },
      entry,
    )
    if ((await runPlan(plan, now)) && entry) {
      loansReminded += 1
      await nudge(LOANS, l._id, now)
    }
  }
  return { holdsExpired, holdsStarted, loansReminded }
}
