// Parity with the documented service (issue #18), and the stricter reading of undocumented behaviours.
import { post } from '../helpers'
import { emu, db, code } from './harness'

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
