// Writes (adds, unique indexes, set, update, remove, updateAndReturn, collections) and transactions.
import { post } from '../helpers'
import { emu, db, code } from './harness'

describe('writes', () => {
  it('adds single and batch documents with 32-hex ids and serverDate', async () => {
    const before = Date.now()
    const one = await db
      .collection('orders')
      .add({ title: 'one', at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) })
    expect(one.id).toMatch(/^[0-9a-f]{32}$/)
    const batch = await db.collection('orders').add([{ title: 'two' }, { _id: 'order-3', title: 'three' }])
    expect(batch.ids).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/), 'order-3'])
    const stored = (
      await db
        .collection('orders')
        .doc(one.id as string)
        .get()
    ).data[0]
    expect(stored.at).toBeInstanceOf(Date)
    expect(stored.at.getTime()).toBeGreaterThanOrEqual(before - 5)
    expect(stored.later.getTime() - stored.at.getTime()).toBeGreaterThanOrEqual(59_000)
  })

  it('rejects a duplicate _id and a unique index violation, storing nothing', async () => {
    expect(await code(db.collection('orders').add({ _id: 'order-3', title: 'again' }))).toBe(
      'DATABASE_REQUEST_FAILED',
    )
    expect(await code(db.collection('users').add({ openid: 'o1', displayName: 'dup' }))).toBe(
      'DATABASE_REQUEST_FAILED',
    )
    expect(await code(db.collection('users').doc('u2').update({ openid: 'o1' }))).toBe(
      'DATABASE_REQUEST_FAILED',
    )
    expect((await db.collection('users').where({ openid: 'o1' }).count()).total).toBe(1)
    expect((await db.collection('orders').doc('order-3').get()).data[0].title).toBe('three')
    // a batch with one bad document stores none of it
    expect(await code(db.collection('users').add([{ openid: 'o9' }, { openid: 'o1' }]))).toBe(
      'DATABASE_REQUEST_FAILED',
    )
    expect((await db.collection('users').where({ openid: 'o9' }).count()).total).toBe(0)
  })

  it('sets (replace/upsert), updates with operators, removes', async () => {
    const _ = db.command
    expect(
      await db
        .collection('orders')
        .doc('set-1')
        .set({ a: 1, nested: { b: 2 } }),
    ).toMatchObject({ updated: 0, upsertedId: 'set-1' })
    expect(await db.collection('orders').doc('set-1').set({ c: 3 })).toMatchObject({ updated: 1 })
    expect((await db.collection('orders').doc('set-1').get()).data).toEqual([{ _id: 'set-1', c: 3 }])
    const upd = await db
      .collection('orders')
      .doc('set-1')
      .update({ c: _.inc(2), list: _.push(['p', 'q']), deep: { x: 1 }, gone: _.remove() })
    expect(upd.updated).toBe(1)
    await db
      .collection('orders')
      .doc('set-1')
      .update({ list: _.pull('p'), deep: { y: 2 } })
    expect((await db.collection('orders').doc('set-1').get()).data[0]).toEqual({
      _id: 'set-1',
      c: 5,
      list: ['q'],
      deep: { x: 1, y: 2 },
    })
    expect((await db.collection('orders').doc('nope').update({ a: 1 })).updated).toBe(0)
    expect((await db.collection('orders').doc('set-1').remove()).deleted).toBe(1)
    expect((await db.collection('orders').doc('set-1').get()).data).toEqual([])
  })

  it('updates and removes by where, counting matches', async () => {
    await db.collection('orders').add([
      { kind: 'bulk', n: 1 },
      { kind: 'bulk', n: 2 },
      { kind: 'bulk', n: 3 },
    ])
    const _ = db.command
    expect(
      (
        await db
          .collection('orders')
          .where({ kind: 'bulk', n: _.gte(2) })
          .update({ done: true })
      ).updated,
    ).toBe(2)
    expect((await db.collection('orders').where({ kind: 'bulk', done: true }).count()).total).toBe(2)
    expect((await db.collection('orders').where({ kind: 'bulk' }).remove()).deleted).toBe(3)
    expect((await db.collection('orders').where({ kind: 'bulk' }).count()).total).toBe(0)
  })

  it('updateAndReturn returns the updated document (modifyAndReturnDoc)', async () => {
    await db.collection('orders').add({ _id: 'mr-1', status: 'open', v: 1 })
    const _ = db.command
    const res = await db
      .collection('orders')
      .where({ _id: 'mr-1', status: 'open' })
      .updateAndReturn({ status: 'taken', v: _.inc(1) })
    expect(res).toMatchObject({ updated: 1, doc: { _id: 'mr-1', status: 'taken', v: 2 } })
    const again = await db
      .collection('orders')
      .where({ _id: 'mr-1', status: 'open' })
      .updateAndReturn({ status: 'taken' })
    expect(again).toMatchObject({ updated: 0, doc: null })
  })

  it('creates collections (addCollection) and keeps collections strict', async () => {
    expect(await code(db.collection('later').add({ a: 1 }))).toBe('DATABASE_COLLECTION_NOT_EXIST')
    await db.createCollection('later')
    expect((await db.collection('later').add({ a: 1 })).id).toMatch(/^[0-9a-f]{32}$/)
    expect(await code(db.createCollection('later'))).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
    expect(await code(db.collection('nope').get())).toBe('DATABASE_COLLECTION_NOT_EXIST')
    expect(await code(db.collection('nope').count())).toBe('DATABASE_COLLECTION_NOT_EXIST')
    expect(await code(db.collection('__emu_sessions').get())).toBe('DATABASE_COLLECTION_NOT_EXIST')
  })
})

describe('transactions', () => {
  it('commits single-document operations atomically', async () => {
    const t = await db.startTransaction()
    await t.collection('counters').doc('c1').set({ n: 1 })
    await t.collection('counters').add({ _id: 'c2', n: 2 })
    expect((await db.collection('counters').doc('c1').get()).data).toEqual([]) // not visible before commit
    await t.commit()
    expect((await db.collection('counters').where({}).orderBy('_id', 'asc').get()).data).toEqual([
      { _id: 'c1', n: 1 },
      { _id: 'c2', n: 2 },
    ])
  })

  it('aborts without a trace', async () => {
    const t = await db.startTransaction()
    await t.collection('counters').doc('c1').update({ n: 100 })
    await t.collection('counters').doc('c2').remove()
    await t.rollback()
    expect((await db.collection('counters').doc('c1').get()).data[0].n).toBe(1)
    expect((await db.collection('counters').doc('c2').get()).data).toHaveLength(1)
  })

  it('reads from a snapshot and detects conflicts so runTransaction retries', async () => {
    await db.collection('counters').doc('race').set({ n: 0 })
    const t = await db.startTransaction()
    const seen = (await t.collection('counters').doc('race').get()).data as { n: number }
    await db.collection('counters').doc('race').update({ n: 10 }) // outside write after the snapshot
    expect(((await t.collection('counters').doc('race').get()).data as { n: number }).n).toBe(seen.n) // snapshot read
    expect(
      await code(
        t
          .collection('counters')
          .doc('race')
          .set({ n: seen.n + 1 }),
      ),
    ).toBe('DATABASE_TRANSACTION_CONFLICT')
    await t.rollback().catch(() => undefined)

    // concurrent read-modify-write transactions through a function: the conflict is retried, no update is lost
    await Promise.all(
      Array.from({ length: 2 }, () => emu.invoke('probe', { op: 'txn-inc', id: 'race', delay: 30 })),
    )
    expect((await db.collection('counters').doc('race').get()).data[0].n).toBe(12)
  })

  it('a write conflict aborts the losing transaction and frees its locks at once (node-sdk never rolls it back)', async () => {
    await db.collection('counters').doc('lockA').set({ n: 0 })
    await db.collection('counters').doc('lockB').set({ n: 0 })
    const winner = await db.startTransaction()
    const loser = await db.startTransaction()
    await loser.collection('counters').doc('lockA').set({ n: 1 }) // the loser takes A's lock first
    await winner.collection('counters').doc('lockB').set({ n: 2 })
    expect(await code(loser.collection('counters').doc('lockB').set({ n: 1 }))).toBe(
      'DATABASE_TRANSACTION_CONFLICT',
    )
    // The loser is gone: its lock on A does not block a fresh transaction, and it cannot commit.
    const next = await db.startTransaction()
    await next.collection('counters').doc('lockA').set({ n: 3 })
    await next.commit()
    await winner.commit()
    expect(await code(loser.commit())).toBe('DATABASE_TRANSACTION_FAIL')
    expect((await db.collection('counters').doc('lockA').get()).data[0].n).toBe(3)
    expect((await db.collection('counters').doc('lockB').get()).data[0].n).toBe(2)
  })

  it('rejects unknown or finished transaction ids with the platform code', async () => {
    const t = await db.startTransaction()
    await t.commit()
    expect(await code(t.commit())).toBe('DATABASE_TRANSACTION_FAIL')
    const raw = await post(
      emu.sdkUrl,
      JSON.stringify({ action: 'database.commitTransaction', transactionId: 'deadbeef' }),
    )
    expect(raw.json).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
  })
})
