// The smoke kit's database checks (config/deploy/smoke.mjs): the writes the design relies on, and
// the undocumented behaviours a real environment settles. Each check answers
// { result: 'pass' | 'fail' | 'skipped: …' | 'differs from the emulator', detail }.
import { errText } from './kit.mjs'

/** the one-write accept's condition (cloudfunctions/shared/repos/orders-moves.ts `accept`): _.and + _.or */
function acceptWhere(_, id, now) {
  return _.and([
    { _id: id, status: 'pending', handlerId: null, dueAt: _.gt(now) },
    _.or([{ 'path.gridId': 'g1' }, { 'path.communityId': 'c1' }]),
  ])
}
const pendingOrder = (id, now) => ({
  _id: id,
  status: 'pending',
  handlerId: null,
  dueAt: new Date(now.getTime() + 3_600_000),
  path: { streetId: 's1', communityId: 'c1', gridId: 'g1' },
  version: 1,
  events: [],
})
const acceptAs = (_, handlerId, now) => ({
  status: 'accepted',
  handlerId,
  acceptedAt: now,
  version: _.inc(1),
  events: _.push([{ kind: 'accept', by: handlerId }]),
})

/**
 * A row that settles an undocumented behaviour: `expected` is what the emulator does; the observed
 * behaviour is "allowed …" or "refused <code> <message>". Only a thrown error of the kit's own making
 * would be a failure; a difference is reported as "differs".
 */
function settle(what, expected, probe) {
  return {
    name: `settles: ${what}`,
    async run(target) {
      let observed
      try {
        observed = await probe(target)
      } catch (e) {
        observed = `refused ${errText(e)}`
      }
      const agrees = observed.startsWith(expected)
      return {
        result: agrees ? 'pass' : 'differs from the emulator',
        detail: `${observed.slice(0, 240)}${agrees ? '' : ` (emulator: ${expected.slice(0, 60)})`}`,
      }
    },
  }
}

export const databaseChecks = [
  {
    name: '`where(q).updateAndReturn(d)` outside a transaction, `_.and`/`_.or`',
    async run({ app, names }) {
      const db = app.database()
      const _ = db.command
      const now = new Date()
      const orders = db.collection(names.orders)
      await orders.add(pendingOrder('o1', now))
      const first = await orders.where(acceptWhere(_, 'o1', now)).updateAndReturn(acceptAs(_, 'h1', now))
      const again = await orders.where(acceptWhere(_, 'o1', now)).updateAndReturn(acceptAs(_, 'h2', now))
      const stored = (await orders.doc('o1').get()).data[0]
      // two documents match a where without _id: "only the first match is updated" (uniCloud's doc)
      await orders.add({ ...pendingOrder('o1b', now) })
      await orders.add({ ...pendingOrder('o1c', now) })
      const many = await orders
        .where({ _id: _.in(['o1b', 'o1c']), status: 'pending' })
        .updateAndReturn({ status: 'touched' })
      const touched = (await orders.where({ status: 'touched' }).count()).total
      const ok =
        first.updated === 1 &&
        first.doc?.status === 'accepted' &&
        first.doc?.handlerId === 'h1' &&
        first.doc?.version === 2 &&
        again.updated === 0 &&
        stored.handlerId === 'h1' &&
        stored.events.length === 1
      return {
        result: ok ? 'pass' : 'fail',
        detail:
          `matching: updated ${first.updated}, returned version ${first.doc?.version}; ` +
          `no longer matching: updated ${again.updated}; two matches: updated ${many.updated}, ${touched} changed`,
      }
    },
  },
  {
    name: 'two racing accepts → one winner',
    async run({ app, names }) {
      const db = app.database()
      const _ = db.command
      const rounds = 5
      const outcomes = []
      for (let r = 0; r < rounds; r++) {
        const now = new Date()
        const id = `race${r}`
        await db.collection(names.orders).add(pendingOrder(id, now))
        const answers = await Promise.all(
          ['a', 'b'].map((h) =>
            db
              .collection(names.orders)
              .where(acceptWhere(_, id, now))
              .updateAndReturn(acceptAs(_, h, now)),
          ),
        )
        const stored = (await db.collection(names.orders).doc(id).get()).data[0]
        const winners = answers.filter((a) => a.updated === 1)
        outcomes.push(
          winners.length === 1 && winners[0].doc.handlerId === stored.handlerId && stored.version === 2,
        )
      }
      const good = outcomes.filter(Boolean).length
      return {
        result: good === rounds ? 'pass' : 'fail',
        detail: `${good}/${rounds} rounds had exactly one winner, the stored handler being the winner`,
      }
    },
  },
  {
    name: 'transaction conflict and retry',
    async run({ app, names }) {
      const db = app.database()
      const _ = db.command
      await db.collection(names.counters).add({ _id: 'c1', n: 0 })
      const t1 = await db.startTransaction()
      const t2 = await db.startTransaction()
      await t1.collection(names.counters).doc('c1').get()
      await t2.collection(names.counters).doc('c1').get()
      const outcomes = []
      for (const t of [t1, t2]) {
        try {
          await t
            .collection(names.counters)
            .doc('c1')
            .update({ n: _.inc(1) })
          await t.commit()
          outcomes.push('committed')
        } catch (e) {
          outcomes.push(errText(e))
          await t.rollback().catch(() => undefined)
        }
      }
      const conflicted = outcomes.filter((o) => o !== 'committed')
      let retries = 0
      for (let i = 0; i < conflicted.length; i++) {
        for (let attempt = 1; ; attempt++) {
          try {
            await db.runTransaction(async (t) => {
              await t.collection(names.counters).doc('c1').get()
              await t
                .collection(names.counters)
                .doc('c1')
                .update({ n: _.inc(1) })
            })
            retries += attempt
            break
          } catch (e) {
            if (attempt >= 3) throw e
          }
        }
      }
      const n = (await db.collection(names.counters).doc('c1').get()).data[0].n
      const ok = conflicted.length === 1 && /CONFLICT|WriteConflict/i.test(conflicted[0]) && n === 2
      return {
        result: ok ? 'pass' : 'fail',
        detail: `interleaved: ${outcomes.join(' / ')}; retried in ${retries} attempt(s); n = ${n} (want 2)`,
      }
    },
  },
  {
    name: 'unique index rejects a duplicate',
    async run({ app, names }) {
      const requests = app.database().collection(names.requests)
      await requests.add({ requestId: 'r1', n: 1 })
      let refused = null
      try {
        await requests.add({ requestId: 'r1', n: 2 })
      } catch (e) {
        refused = errText(e)
      }
      const total = (await requests.where({ requestId: 'r1' }).count()).total
      return {
        result: refused && total === 1 ? 'pass' : 'fail',
        detail: `${refused ? `refused: ${refused.slice(0, 120)}` : 'NOT refused'}; ${total} stored`,
      }
    },
  },
  // Undocumented either way (emulator/README.md): the emulator takes the stricter reading; these rows
  // let a real environment settle each. "differs" is information for the emulator, not a failure.
  settle('where-query inside a transaction', 'refused INVALID_PARAM', async ({ app, names }) => {
    const db = app.database()
    await db.collection(names.counters).add({ _id: 'w1', n: 0 })
    const t = await db.startTransaction()
    try {
      const res = await t.collection(names.counters).where({ n: 0 }).get()
      return `allowed (${res.data.length} found)`
    } finally {
      await t.rollback().catch(() => undefined)
    }
  }),
  settle('ObjectId as `_id`', 'refused INVALID_PARAM', async ({ app, names }) => {
    const db = app.database()
    const oid = db.ObjectId({ id: '5f2b3c4d5e6f708192a3b4c5' })
    const res = await db.collection(names.orders).add({ _id: oid, name: 'oid' })
    return `allowed (id ${JSON.stringify(res.id)})`
  }),
  settle('`$jsonSchema` query', 'refused DATABASE_INVALID_OPERRATOR', async ({ app, names }) => {
    const res = await app
      .database()
      .collection(names.orders)
      .where({ $jsonSchema: { required: ['status'] } })
      .get()
    return `allowed (${res.data.length} found)`
  }),
  settle('a field name starting with `$`', 'refused INVALID_PARAM', async ({ app, names }) => {
    const db = app.database()
    await db.collection(names.orders).add({ _id: 'd1', a: 1 })
    await db
      .collection(names.orders)
      .doc('d1')
      .update({ a: db.command.set({ $b: 1 }) })
    return `allowed (stored ${JSON.stringify((await db.collection(names.orders).doc('d1').get()).data[0]?.a)})`
  }),
  settle(
    'using a committed transaction',
    'refused DATABASE_TRANSACTION_FAIL [ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds.',
    async ({ app, names }) => {
      const db = app.database()
      const t = await db.startTransaction()
      await t.commit()
      await t.collection(names.counters).doc('w2').set({ n: 5 })
      return 'allowed'
    },
  ),
]
