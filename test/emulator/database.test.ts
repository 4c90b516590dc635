/**
 * Protocol tests: the real @cloudbase/node-sdk drives the local CloudBase over its own wire protocol
 * (`serviceUrl` override), for every database action; results and stored state are asserted.
 */
import { post, fixtures } from './helpers'
import { sdkApp, spawnEmulator, startTestEmulator, type TestEmulator } from '../support/emulator'

let emu: TestEmulator
type Db = ReturnType<TestEmulator['app']['database']>
let db: Db

const seed = {
  items: Array.from({ length: 130 }, (_, i) => ({
    _id: `item-${String(i).padStart(3, '0')}`,
    n: i,
    group: i % 3 === 0 ? 'a' : 'b',
    tags: i % 10 === 0 ? ['x', 'y'] : ['z'],
    at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  })),
  // arrays of scalars next to arrays of embedded documents ($elemMatch)
  arrays: [
    { _id: 'numbers', tags: [1, 2, 3] },
    { _id: 'strings', tags: ['Go'] },
    { _id: 'embedded', tags: [{ value: 3 }, { value: -1 }] },
  ],
  users: [
    {
      _id: 'u1',
      openid: 'o1',
      displayName: '王秀英',
      grants: [{ role: 'resident', scope: { streetId: 's1' } }],
    },
    {
      _id: 'u2',
      openid: 'o2',
      displayName: '李志强',
      grants: [{ role: 'grid_worker', scope: { streetId: 's1', gridId: 'g1' } }],
    },
  ],
}

beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: fixtures, seed })
  db = emu.app.database()
}, 60_000)
afterAll(async () => {
  await emu?.stop()
})

const code = async (p: Promise<unknown>): Promise<unknown> => {
  try {
    await p
  } catch (e) {
    return (e as { code?: unknown }).code
  }
  return 'no error'
}

describe('database.getDocument', () => {
  it('defaults to 100 documents and clamps to 1000', async () => {
    expect((await db.collection('items').get()).data).toHaveLength(100)
    expect((await db.collection('items').limit(1000).get()).data).toHaveLength(130)
    const raw = await post(
      emu.sdkUrl,
      JSON.stringify({
        action: 'database.getDocument',
        collectionName: 'items',
        queryType: 'WHERE',
        limit: 5000,
      }),
    )
    expect((raw.json as { data: { list: unknown[] } }).data.list.length).toBe(130)
  })

  it('filters, sorts, skips, limits and projects', async () => {
    const _ = db.command
    const res = await db
      .collection('items')
      .where({ group: 'a', n: _.gte(10).and(_.lt(40)) })
      .orderBy('n', 'desc')
      .skip(2)
      .limit(3)
      .field({ n: true })
      .get()
    expect(res.data).toEqual([
      { _id: 'item-033', n: 33 },
      { _id: 'item-030', n: 30 },
      { _id: 'item-027', n: 27 },
    ])
  })

  it('supports regexes, $in, array membership, dates and nested fields', async () => {
    const _ = db.command
    expect(
      (
        await db
          .collection('items')
          .where({ _id: db.RegExp({ regexp: '^item-00[0-2]$' }) })
          .get()
      ).data.map((d: { _id: string }) => d._id),
    ).toEqual(['item-000', 'item-001', 'item-002'])
    expect(
      (
        await db
          .collection('items')
          .where({ n: _.in([1, 5]) })
          .count()
      ).total,
    ).toBe(2)
    expect((await db.collection('items').where({ tags: 'x' }).count()).total).toBe(13)
    expect(
      (
        await db
          .collection('items')
          .where({ at: _.lt(new Date(Date.UTC(2026, 0, 1) + 3 * 60_000)) })
          .count()
      ).total,
    ).toBe(3)
    expect(
      (await db.collection('users').where({ 'grants.role': 'grid_worker' }).get()).data.map(
        (u: { _id: string }) => u._id,
      ),
    ).toEqual(['u2'])
  })

  it('gets one document by id, with dates round-tripping', async () => {
    const res = await db.collection('items').doc('item-001').get()
    expect(res.data).toEqual([
      { _id: 'item-001', n: 1, group: 'b', tags: ['z'], at: new Date(Date.UTC(2026, 0, 1) + 60_000) },
    ])
    expect((await db.collection('items').doc('missing').get()).data).toEqual([])
  })

  it('counts', async () => {
    expect((await db.collection('items').count()).total).toBe(130)
    expect((await db.collection('items').where({ group: 'a' }).count()).total).toBe(44)
  })
})

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

describe('database.aggregateDocuments', () => {
  it('runs $match/$group/$sort/$project/$skip/$limit', async () => {
    const $ = db.command.aggregate
    const res = await db
      .collection('items')
      .aggregate()
      .match({ n: db.command.lt(30) })
      .group({ _id: '$group', total: $.sum('$n'), count: $.sum(1) })
      .sort({ _id: 1 })
      .project({ _id: 0, group: '$_id', total: 1, count: 1 })
      .skip(0)
      .limit(10)
      .end()
    expect(res.data).toEqual([
      { group: 'a', total: 135, count: 10 },
      { group: 'b', total: 300, count: 20 },
    ])
  })

  it('runs $unwind, $lookup and $count', async () => {
    const unwound = await db
      .collection('items')
      .aggregate()
      .match({ tags: 'x' })
      .unwind('$tags')
      .count('n')
      .end()
    expect(unwound.data).toEqual([{ n: 26 }])
    await db.collection('orders').add([
      { _id: 'lk-1', userId: 'u1' },
      { _id: 'lk-2', userId: 'u2' },
    ])
    const joined = await db
      .collection('orders')
      .aggregate()
      .match({ _id: db.command.in(['lk-1', 'lk-2']) })
      .lookup({ from: 'users', localField: 'userId', foreignField: '_id', as: 'user' })
      .project({ userId: 1, name: { $arrayElemAt: ['$user.displayName', 0] } })
      .sort({ _id: 1 })
      .end()
    expect(joined.data).toEqual([
      { _id: 'lk-1', userId: 'u1', name: '王秀英' },
      { _id: 'lk-2', userId: 'u2', name: '李志强' },
    ])
  })

  it('returns 20 results unless .limit() is given', async () => {
    expect((await db.collection('items').aggregate().match({}).end()).data).toHaveLength(20)
    expect((await db.collection('items').aggregate().match({}).limit(50).end()).data).toHaveLength(50)
  })

  it('fails loudly on geo operators with a clear code', async () => {
    const err = await db
      .collection('items')
      .where({ loc: db.command.geoNear({ geometry: new db.Geo.Point(113, 23), maxDistance: 10 }) })
      .get()
      .catch((e: { code: string; message: string }) => e)
    expect(err).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' })
    expect((err as { message: string }).message).toMatch(/geo/)
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

describe('parity with the documented service (issue #18)', () => {
  const ids = (res: { data: Array<{ _id: string }> }): string[] => res.data.map((d) => d._id).sort()

  it('$elemMatch with field conditions matches embedded documents, never arrays of scalars', async () => {
    const _ = db.command
    const arrays = db.collection('arrays')
    expect(ids(await arrays.where({ tags: _.elemMatch({ value: _.gt(0) }) }).get())).toEqual(['embedded'])
    expect(ids(await arrays.where({ tags: _.elemMatch({ value: _.exists(true) }) }).get())).toEqual([
      'embedded',
    ])
    expect(
      ids(
        await arrays
          .where({ tags: _.elemMatch({ value: (_.mod as unknown as (d: number[]) => unknown)([4, 3]) }) })
          .get(),
      ),
    ).toEqual(['embedded'])
    // operator conditions still apply to the elements themselves
    expect(ids(await arrays.where({ tags: _.elemMatch(_.gt(2)) }).get())).toEqual(['numbers'])
    expect(ids(await arrays.where({ tags: _.elemMatch(_.neq('Go')) }).get())).toEqual(['embedded', 'numbers'])
    expect((await arrays.where({ tags: _.elemMatch({ value: _.gt(0) }) }).count()).total).toBe(1)
    // $all with an $elemMatch member (sent raw: node-sdk does not serialise commands nested in _.all)
    const all = await post(
      emu.sdkUrl,
      JSON.stringify({
        action: 'database.getDocument',
        collectionName: 'arrays',
        queryType: 'WHERE',
        query: JSON.stringify({ tags: { $all: [{ $elemMatch: { value: { $gt: 0 } } }] } }),
      }),
    )
    expect(
      (all.json as { data: { list: string[] } }).data.list.map((d) => (JSON.parse(d) as { _id: string })._id),
    ).toEqual(['embedded'])
    expect(ids(await arrays.where({ tags: _.all(['Go']) }).get())).toEqual(['strings'])
  })

  it('$week counts Sunday-started weeks (week 0 before the first Sunday), like %U', async () => {
    await db.collection('orders').add([
      { _id: 'wk-1', d: new Date('2019-05-14T08:00:00Z') }, // Tuesday → 19 (node-sdk's own expectation)
      { _id: 'wk-2', d: new Date('2026-01-01T00:00:00Z') }, // Thursday before the first Sunday → 0
      { _id: 'wk-3', d: new Date('2026-01-04T00:00:00Z') }, // the first Sunday → 1
      { _id: 'wk-4', d: new Date('2023-01-01T00:00:00Z') }, // a Sunday, 1 January → 1
      { _id: 'wk-5', d: new Date('2025-12-31T00:00:00Z') }, // Wednesday → 52
    ])
    const $ = db.command.aggregate
    const res = await db
      .collection('orders')
      .aggregate()
      .match({ _id: db.command.in(['wk-1', 'wk-2', 'wk-3', 'wk-4', 'wk-5']) })
      .sort({ _id: 1 })
      .project({ week: $.week('$d'), isoWeek: $.isoWeek('$d') })
      .end()
    expect(res.data).toEqual([
      { _id: 'wk-1', week: 19, isoWeek: 20 },
      { _id: 'wk-2', week: 0, isoWeek: 1 },
      { _id: 'wk-3', week: 1, isoWeek: 1 },
      { _id: 'wk-4', week: 1, isoWeek: 52 },
      { _id: 'wk-5', week: 52, isoWeek: 1 },
    ])
  })

  it('$indexOfCP finds code points; $substrBytes/$substr take negative start ("") and length (to the end)', async () => {
    await db.collection('orders').add([
      { _id: 'str-1', name: 'Dalai', birthday: '1999/12/12' },
      { _id: 'str-2', name: '睦邻e家a', birthday: '1998/11/11' },
    ])
    const $ = db.command.aggregate
    const res = await db
      .collection('orders')
      .aggregate()
      .match({ _id: db.command.in(['str-1', 'str-2']) })
      .sort({ _id: 1 })
      .project({
        _id: 0,
        a: $.indexOfCP(['$name', 'a']),
        aFrom2: $.indexOfCP(['$name', 'a', 2]),
        aBefore1: $.indexOfCP(['$name', 'a', 0, 1]),
        e: $.indexOfCP(['$name', 'e']),
        year: $.substrBytes(['$birthday', 0, 4]),
        day: $.substrBytes(['$birthday', 8, -1]),
        before: $.substrBytes(['$birthday', -1, 2]),
        dayOld: $.substr(['$birthday', 8, -1]),
      })
      .end()
    expect(res.data).toEqual([
      { a: 1, aFrom2: 3, aBefore1: -1, e: -1, year: '1999', day: '12', before: '', dayOld: '12' },
      { a: 4, aFrom2: 4, aBefore1: -1, e: 2, year: '1998', day: '11', before: '', dayOld: '11' },
    ])
    const negative = await db
      .collection('orders')
      .aggregate()
      .project({ i: $.indexOfCP(['$name', 'a', -1]) })
      .end()
      .catch((e: { code: string }) => e)
    expect(negative).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' })
  })

  it('set() reports updated: 1 whenever the document exists, even with identical data (also in a transaction)', async () => {
    const ref = db.collection('orders').doc('same-1')
    expect(await ref.set({ a: 1 })).toMatchObject({ updated: 0, upsertedId: 'same-1' })
    expect(await ref.set({ a: 1 })).toMatchObject({ updated: 1 })
    expect((await ref.get()).data).toEqual([{ _id: 'same-1', a: 1 }])
    const t = await db.startTransaction()
    expect(await t.collection('orders').doc('same-1').set({ a: 1 })).toMatchObject({ updated: 1 })
    await t.commit()
    // update() of identical data still changes nothing and says so
    expect((await ref.update({ a: 1 })).updated).toBe(0)
  })

  it('refuses every geo query operator with an error the SDK surfaces', async () => {
    const _ = db.command
    // Polygon and LineString exist at runtime but are missing from the SDK's typings
    const Geo = db.Geo as unknown as {
      Point: new (lng: number, lat: number) => unknown
      LineString: new (points: unknown[]) => unknown
      Polygon: new (lines: unknown[]) => unknown
    }
    const point = new Geo.Point(113.3, 23.1)
    const area = new Geo.Polygon([
      new Geo.LineString([
        new Geo.Point(113, 23),
        new Geo.Point(114, 23),
        new Geo.Point(114, 24),
        new Geo.Point(113, 23),
      ]),
    ])
    // thunks, run one at a time: a rejection must never wait unobserved
    const attempts: Array<() => Promise<unknown>> = [
      () =>
        db
          .collection('items')
          .where({ loc: _.geoNear({ geometry: point, maxDistance: 10 }) })
          .get(),
      () =>
        db
          .collection('items')
          .where({ loc: _.geoWithin({ geometry: area }) })
          .get(),
      () =>
        db
          .collection('items')
          .where({ loc: _.geoWithin({ centerSphere: [[113, 23], 0.001] }) })
          .count(),
      () =>
        db
          .collection('items')
          .where({ loc: _.geoIntersects({ geometry: point }) })
          .get(),
      () =>
        db
          .collection('items')
          .where({ loc: _.geoNear({ geometry: point }) })
          .remove(),
      () =>
        db
          .collection('items')
          .aggregate()
          .geoNear({ distanceField: 'd', spherical: true, near: point, key: 'loc' })
          .end(),
    ]
    for (const attempt of attempts) {
      const err = await attempt().then(
        () => ({ code: 'no error', message: '' }),
        (e: { code: string; message: string }) => e,
      )
      expect(err).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' })
      expect(err.message).toMatch(/geo queries are not available in the local emulator/)
    }
  })
})

describe('undocumented behaviours: the emulator takes the stricter reading (emulator/README.md)', () => {
  it('refuses where-queries, where-updateAndReturn and batch adds inside a transaction', async () => {
    await db.collection('counters').doc('strict-1').set({ n: 0 })
    const t = await db.startTransaction()
    try {
      expect(await code(t.collection('counters').where({ n: 0 }).get())).toBe('INVALID_PARAM')
      expect(await code(t.collection('counters').where({ n: 0 }).updateAndReturn({ n: 1 }))).toBe(
        'INVALID_PARAM',
      )
      expect(await code(t.collection('counters').add([{ n: 1 }, { n: 2 }]))).toBe('INVALID_PARAM')
    } finally {
      await t.rollback().catch(() => undefined)
    }
    expect((await db.collection('counters').doc('strict-1').get()).data[0].n).toBe(0)
  })

  it('answers any use of a finished transaction with the platform text node-sdk expects', async () => {
    const t = await db.startTransaction()
    await t.commit()
    const err = await t
      .collection('counters')
      .doc('strict-1')
      .set({ n: 5 })
      .catch((e: { code: string; message: string }) => e)
    expect(err).toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message:
        '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
    })
  })

  it('refuses ObjectId values (as _id, in documents and in queries)', async () => {
    const oid = db.ObjectId({ id: '5f2b3c4d5e6f708192a3b4c5' })
    expect(await code(db.collection('orders').add({ _id: oid, name: 'x' }))).toBe('INVALID_PARAM')
    expect(await code(db.collection('orders').add({ ref: oid }))).toBe('INVALID_PARAM')
    expect(await code(db.collection('orders').where({ ref: oid }).get())).toBe('INVALID_PARAM')
    expect(await code(db.collection('orders').doc('oid-1').set({ ref: oid }))).toBe('INVALID_PARAM')
    expect((await db.collection('orders').doc('oid-1').get()).data).toEqual([])
  })

  it('refuses $jsonSchema queries', async () => {
    const raw = await post(
      emu.sdkUrl,
      JSON.stringify({
        action: 'database.getDocument',
        collectionName: 'items',
        queryType: 'WHERE',
        query: JSON.stringify({ $jsonSchema: { required: ['n'] } }),
      }),
    )
    expect(raw.json).toMatchObject({
      code: 'DATABASE_INVALID_OPERRATOR',
      message: expect.stringMatching(/\$jsonSchema.*not documented for CloudBase/),
    })
  })

  it('refuses field names that start with "$" in stored documents', async () => {
    const _ = db.command
    const send = async (action: string, extra: Record<string, unknown>): Promise<unknown> =>
      (await post(emu.sdkUrl, JSON.stringify({ action, collectionName: 'orders', ...extra }))).json
    expect(
      await send('database.insertDocument', { data: [JSON.stringify({ _id: 'dollar-1', $price: 1 })] }),
    ).toMatchObject({ code: 'INVALID_PARAM' })
    expect(
      await send('database.insertDocument', { data: [JSON.stringify({ _id: 'dollar-1', a: { $b: 1 } })] }),
    ).toMatchObject({ code: 'INVALID_PARAM' })
    await db.collection('orders').add({ _id: 'dollar-2', a: 1 })
    expect(
      await code(
        db
          .collection('orders')
          .doc('dollar-2')
          .update({ a: _.set({ $b: 1 }) }),
      ),
    ).toBe('INVALID_PARAM')
    expect((await db.collection('orders').doc('dollar-1').get()).data).toEqual([])
    expect((await db.collection('orders').doc('dollar-2').get()).data).toEqual([{ _id: 'dollar-2', a: 1 }])
    // update operators and their modifiers are not field names
    await db
      .collection('orders')
      .doc('dollar-2')
      .update({ list: _.push({ each: [1, 2], position: 0 }) })
    expect((await db.collection('orders').doc('dollar-2').get()).data[0].list).toEqual([1, 2])
  })
})

describe('bad input never crashes the emulator', () => {
  const send = async (body: string | Buffer): Promise<unknown> => (await post(emu.sdkUrl, body)).json

  it('answers malformed EJSON, unknown actions and collections with platform codes', async () => {
    expect(
      await send(
        JSON.stringify({
          action: 'database.getDocument',
          collectionName: 'items',
          query: '{"n": {"$numberInt": "x"',
        }),
      ),
    ).toMatchObject({ code: 'INVALID_PARAM' })
    expect(
      await send(
        JSON.stringify({ action: 'database.insertDocument', collectionName: 'items', data: ['{"$date": 1'] }),
      ),
    ).toMatchObject({ code: 'INVALID_PARAM' })
    expect(await send('{not json')).toMatchObject({ code: 'INVALID_PARAM' })
    expect(await send(JSON.stringify({ action: 'database.dropEverything' }))).toMatchObject({
      code: 'INVALID_PARAM',
    })
    expect(await send(JSON.stringify({ action: 'teleport.now' }))).toMatchObject({ code: 'INVALID_PARAM' })
    expect(
      await send(JSON.stringify({ action: 'database.getDocument', collectionName: 'ghosts' })),
    ).toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
    expect(
      await send(
        JSON.stringify({
          action: 'database.getDocument',
          collectionName: 'items',
          query: '{"n":{"$frobnicate":1}}',
        }),
      ),
    ).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' })
  })

  it('rejects payloads over 16 MB', async () => {
    const big = JSON.stringify({
      action: 'database.insertDocument',
      collectionName: 'orders',
      data: [JSON.stringify({ blob: 'x'.repeat(17 * 1024 * 1024) })],
    })
    const res = await post(emu.sdkUrl, big)
    expect(res.json).toMatchObject({ code: 'INVALID_PARAM' })
    expect((await db.collection('items').count()).total).toBe(130) // still serving
  })

  it('logs one line per error', () => {
    const lines = emu
      .logs()
      .split('\n')
      .filter((l) => l.includes(' ERROR '))
    expect(lines.length).toBeGreaterThanOrEqual(8)
    expect(lines.every((l) => /^\[emulator\] \S+ ERROR /.test(l))).toBe(true)
  })
})

describe('durability across restart', () => {
  it('refuses a second emulator on the same data directory, keeps acknowledged writes and does not re-seed', async () => {
    await db.collection('orders').add({ _id: 'persisted', v: 42, at: new Date(0) })
    await expect(
      spawnEmulator([
        '--data-dir',
        emu.dataDir,
        '--functions-dir',
        fixtures,
        '--seed',
        'none',
        '--no-timers',
      ]),
    ).rejects.toThrow(/in use/)
    const dataDir = emu.dataDir
    process.kill(emu.pid, 'SIGTERM')
    await waitForExit(emu.pid)
    const again = await spawnEmulator([
      '--data-dir',
      dataDir,
      '--functions-dir',
      fixtures,
      '--seed',
      'none',
      '--no-timers',
    ])
    try {
      expect(again.ready.seeded).toBe(false)
      const app = sdkApp(again.ready.sdkUrl, again.ready.envId)
      expect((await app.database().collection('orders').doc('persisted').get()).data).toEqual([
        { _id: 'persisted', v: 42, at: new Date(0) },
      ])
      expect((await app.database().collection('items').count()).total).toBe(130)
      expect((await app.database().collection('users').where({ openid: 'o1' }).count()).total).toBe(1)
      // unique indexes are rebuilt from the stored data
      await expect(app.database().collection('users').add({ openid: 'o1' })).rejects.toMatchObject({
        code: 'DATABASE_REQUEST_FAILED',
      })
    } finally {
      again.child.kill('SIGTERM')
      await new Promise((r) => again.child.once('exit', r))
    }
  })
})

async function waitForExit(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((r) => setTimeout(r, 25))
  }
}
