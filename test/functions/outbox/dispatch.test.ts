/**
 * The one effects path (cloudfunctions/shared/outbox.ts, ADR 0019), tried on its own: entries are
 * written straight onto documents of collections that declare an `outbox` index, as a move would
 * leave them, and the `sweep` timer carries them out. Through the emulator with the real SDK.
 */
import { useApi } from '../../support/api-test'
import { LIU, WANG, XINHUA_01, XINHUA_01_WORKER } from '../../support/demo-people'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { emu, db, docOf, call } = useApi()
const later = (s: number) => new Date(Date.now() + s * 1000)
const sweep = async (now: Date) =>
  (await emu().invoke('sweep', { now: now.toISOString() })) as { ok: boolean; dispatched: number }
const notesFor = async (sourceId: string) =>
  (await db().collection('notifications').where({ sourceId }).get()).data as Any[]
const data = { thing1: { value: '测试' }, time4: { value: '2026-12-07 10:00' } }
let seq = 0

/** A join request document carrying `entries` (as a move would have written it), `status` as given. */
async function joinWith(status: string, effects: unknown[]): Promise<string> {
  const id = `jr-outbox-${(seq += 1)}-${Date.now().toString(36)}`
  await db()
    .collection('join_requests')
    .add({
      _id: id,
      userId: `user-outbox-${seq}`,
      requestId: `req-outbox-${seq}`,
      path: { ...XINHUA_01, buildingId: 'bd-xinhua-01-01', unitId: 'bd-xinhua-01-01-u1' },
      room: '101',
      name: '测试',
      phone: null,
      policy: 'grid_worker',
      status,
      via: 'picker',
      reason: null,
      decidedBy: null,
      createdAt: new Date(),
      decidedAt: null,
      moveFrom: null,
      outbox: [{ id: 'e1', at: new Date(), effects }],
      outboxAt: new Date(Date.now() - 60_000),
    })
  return id
}

describe('the dispatcher', () => {
  it('sends news only while the subject still holds it, and removes the entry either way', async () => {
    const notice = {
      kind: 'notify',
      key: 'test.pending',
      to: { users: ['user-xinhua-01-worker'] },
      onlyIf: { status: 'pending' },
      template: 'joinPending',
      data,
    }
    const live = await joinWith('pending', [notice])
    const stale = await joinWith('cancelled', [notice])
    await sweep(later(30))
    expect((await notesFor(live)).map((n) => n.recipientId)).toEqual(['user-xinhua-01-worker'])
    expect(await notesFor(stale)).toEqual([])
    for (const id of [live, stale]) {
      const doc = await docOf('join_requests', id)
      expect({ outbox: doc.outbox, outboxAt: doc.outboxAt }).toEqual({ outbox: [], outboxAt: null })
    }
  })

  it('tells a person once per `once` group, and never the people it excepts', async () => {
    const id = await joinWith('pending', [
      {
        kind: 'notify',
        key: 'test.late',
        to: { users: ['user-xinhua-01-worker'] },
        once: 'late',
        template: 'orderOverdue',
        data,
      },
      {
        kind: 'notify',
        key: 'test.overdue',
        to: { staff: ['grid_worker', 'community_admin'], over: XINHUA_01 },
        once: 'late',
        except: ['user-xinhua-admin'],
        template: 'orderOverdue',
        data,
      },
    ])
    await sweep(later(30))
    const notes = await notesFor(id)
    // The grid worker is in both audiences and told once; the community admin is excepted.
    expect(notes.map((n) => `${n.kind} → ${n.recipientId}`)).toEqual(['test.late → user-xinhua-01-worker'])
  })

  it('finds the first role anyone holds (cascade), and the people named in matching documents', async () => {
    const cascade = await joinWith('pending', [
      {
        kind: 'notify',
        key: 'test.cascade',
        // Nobody leads 3号楼 of 新华第1网格's neighbour: the grid workers are told.
        to: {
          staff: ['building_leader', 'grid_worker'],
          over: { ...XINHUA_01, buildingId: 'bd-none' },
          cascade: true,
        },
        template: 'joinPending',
        data,
      },
    ])
    const named = await joinWith('pending', [])
    await db()
      .collection('join_requests')
      .doc(named)
      .update({
        outbox: [
          {
            id: 'e1',
            at: new Date(),
            effects: [
              {
                kind: 'notify',
                key: 'test.named',
                to: {
                  named: { collection: 'join_requests', match: { _id: named }, field: 'userId', limit: 10 },
                },
                template: 'joinPending',
                data,
              },
            ],
          },
        ],
      })
    await sweep(later(30))
    expect((await notesFor(cascade)).map((n) => n.recipientId)).toEqual(['user-xinhua-01-worker'])
    // The applicant named by the request has no user record: recorded as not reachable, never dropped.
    expect(await notesFor(named)).toEqual([
      expect.objectContaining({
        recipientId: `user-outbox-${seq}`,
        status: 'failed',
        lastError: expect.stringContaining('40003'),
      }),
    ])
  })

  it('counts exactly once however many dispatchers race, and creates the counter document on first use', async () => {
    const counter = `test-counter-${Date.now().toString(36)}`
    const ids = await Promise.all(
      [1, 2, 3].map(() =>
        joinWith('pending', [
          {
            kind: 'count',
            collection: 'order_stats',
            id: counter,
            incs: { received: 1, 'workers.w1.received': 1 },
            init: { level: 'test', workers: {} },
          },
        ]),
      ),
    )
    const runs = await Promise.all([sweep(later(30)), sweep(later(30)), sweep(later(30))])
    expect(runs.every((r) => r.ok)).toBe(true)
    expect(await docOf('order_stats', counter)).toMatchObject({
      level: 'test',
      received: 3,
      workers: { w1: { received: 3 } },
    })
    for (const id of ids) expect((await docOf('join_requests', id)).outbox).toEqual([])
    await sweep(later(90))
    expect((await docOf('order_stats', counter)).received).toBe(3)
  })

  it('a message that got through settles what its notice says; one that did not leaves it', async () => {
    await emu().grantSubscriptions(XINHUA_01_WORKER, 'tmpl-join-pending', 1)
    const notice = (key: string) => ({
      kind: 'notify',
      key,
      to: { users: ['user-xinhua-01-worker'] },
      template: 'joinPending',
      data,
      onReached: { reason: 'reached' },
    })
    const reached = await joinWith('pending', [notice('test.reached.1')])
    await sweep(later(30))
    const missed = await joinWith('pending', [notice('test.reached.2')])
    await sweep(later(30))
    expect((await notesFor(reached))[0]).toMatchObject({ status: 'sent', attempts: 1 })
    expect((await docOf('join_requests', reached)).reason).toBe('reached')
    expect((await notesFor(missed))[0]).toMatchObject({ status: 'no_subscription' })
    expect((await docOf('join_requests', missed)).reason).toBeNull()
  })

  it('records a large audience a batch per transaction, each message once, however many dispatchers run', async () => {
    const people = Array.from({ length: 120 }, (_v, i) => `user-many-${i}`)
    const id = await joinWith('pending', [
      { kind: 'notify', key: 'test.many', to: { users: people }, template: 'joinPending', data },
    ])
    await Promise.all([sweep(later(30)), sweep(later(30))])
    const notes = await db().collection('notifications').where({ sourceId: id }).limit(1000).get()
    const ids = (notes.data as Any[]).map((n) => n.recipientId).sort()
    expect(ids).toEqual([...people].sort())
    expect((await docOf('join_requests', id)).outbox).toEqual([])
  })

  it('a dispatch that fails after a move never fails the move: its effects wait on the subject', async () => {
    const posted = await call(WANG, 'errand.post', {
      requestId: `req-outbox-${Date.now().toString(36)}`,
      type: 'groceries',
      text: '帮忙买一袋大米',
      windowStart: new Date(Date.now() + 10 * 60_000).toISOString(),
      windowEnd: new Date(Date.now() + 130 * 60_000).toISOString(),
    })
    const errandId = posted.data.errandId as string
    // Follow-on work nobody registered: every dispatch of this errand fails until it is fixed.
    await db()
      .collection('errands')
      .doc(errandId)
      .update({
        outbox: [{ id: 'bad', at: new Date(), effects: [{ kind: 'follow', name: 'test.unregistered' }] }],
      })
    // The helper's accept tells the requester: its entry is written, its dispatch fails, the accept stands.
    const accepted = await call(LIU, 'errand.accept', { errandId })
    expect(accepted).toMatchObject({ ok: true, data: { status: 'accepted' } })
    const doc = await docOf('errands', errandId)
    expect(doc.status).toBe('accepted')
    expect(doc.outbox.map((e: Any) => e.id)).toEqual(['bad', `v${doc.version}`])
    expect(doc.outboxAt).not.toBeNull()
  })
})
