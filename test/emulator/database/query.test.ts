// Reads: getDocument (filters, sorts, paging, projections, counts) and aggregateDocuments.
import { post } from '../helpers'
import { emu, db } from './harness'

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
