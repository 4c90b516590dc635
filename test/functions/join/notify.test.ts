// Telling the deciders of a new pending request, and the content check and the phone-number button.
import { joinsOf, userIdOf, form, emu, call, db } from './harness'

describe('notifying the deciders of a new pending request', () => {
  const notesFor = async (joinId: string) =>
    (await db().collection('notifications').where({ sourceId: joinId }).get()).data as Record<string, any>[] // eslint-disable-line @typescript-eslint/no-explicit-any
  const outboxFor = async (openid: string) =>
    (
      (await emu().outbox()) as {
        touser: string
        template_id: string
        page: string
        data: Record<string, { value: string }>
      }[]
    ).filter((m) => m.touser === openid)

  it('sends the grid worker a subscribe message when they hold a subscription, and marks it sent', async () => {
    const worker = 'demo-openid-xinhua-03-worker'
    await emu().grantSubscriptions(worker, 'tmpl-join-pending', 1)
    const res = await call(
      'openid-notify-1',
      'join.submit',
      form({ unitId: 'bd-xinhua-03-01-u1', room: '301', name: '钱多多' }),
    )
    expect(res).toMatchObject({ ok: true, data: { status: 'pending' } })
    const notes = await notesFor(res.data.joinId)
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'join.pending',
        recipientId: 'user-xinhua-03-worker',
        status: 'sent',
        attempts: 1,
        templateId: 'tmpl-join-pending',
      }),
    ])
    const sent = await outboxFor(worker)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      template_id: 'tmpl-join-pending',
      page: `features/grid/pages/joins/index?id=${res.data.joinId}`,
      data: {
        thing1: { value: '钱多多' },
        thing2: { value: '25号楼1单元301室' },
        time3: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) },
      },
    })
    // The subscription was one-time: the next request finds none, and is marked so, the join unharmed.
    const next = await call(
      'openid-notify-2',
      'join.submit',
      form({ unitId: 'bd-xinhua-03-01-u1', room: '302' }),
    )
    expect(next).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect(await notesFor(next.data.joinId)).toEqual([
      expect.objectContaining({ status: 'no_subscription', lastError: expect.stringContaining('43101') }),
    ])
    expect(await outboxFor(worker)).toHaveLength(1)
  })

  it('tells the building leader where the policy says so, else falls back to the grid worker', async () => {
    // 苏村社区 approves by building leader; its buildings have none, so the grid worker is told.
    const res = await call(
      'openid-notify-3',
      'join.submit',
      form({ unitId: 'bd-sucun-02-01-u1', room: '101' }),
    )
    expect(res).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect((await notesFor(res.data.joinId)).map((n) => n.recipientId)).toEqual(['user-sucun-02-worker'])
    // 新华 1号楼 has a leader, but 新华's policy is the grid worker: the leader is not told.
    const xinhua = await call('openid-notify-4', 'join.submit', form({ room: '1301' }))
    expect((await notesFor(xinhua.data.joinId)).map((n) => n.recipientId)).toEqual(['user-xinhua-01-worker'])
  })

  it('writes nothing to send when the community approves automatically, or on a retried submit', async () => {
    const auto = await call(
      'openid-notify-5',
      'join.submit',
      form({ unitId: 'bd-dongshan-02-01-u1', room: '101' }),
    )
    expect(auto.data.status).toBe('approved')
    expect(await notesFor(auto.data.joinId)).toHaveLength(0)
    const input = form({ unitId: 'bd-xinhua-04-01-u1', room: '101' })
    const first = await call('openid-notify-6', 'join.submit', input)
    await call('openid-notify-6', 'join.submit', input)
    expect(await notesFor(first.data.joinId)).toHaveLength(1)
  })

  it('keeps the request when delivery fails, and the notify timer delivers it later', async () => {
    const res = await call(
      'openid-notify-7',
      'join.submit',
      form({ unitId: 'bd-xinhua-05-01-u1', room: '101' }),
    )
    expect(res).toMatchObject({ ok: true, data: { status: 'pending' } })
    const [note] = await notesFor(res.data.joinId)
    if (!note) throw new Error('no notification stored')
    expect(note).toMatchObject({ status: 'no_subscription' })

    // As if the send had failed (network, WeChat busy) an hour ago: retryable, backoff passed.
    await db()
      .collection('notifications')
      .doc(note._id)
      .update({ status: 'failed', attempts: 1, updatedAt: new Date(Date.now() - 3_600_000) })
    await emu().grantSubscriptions('demo-openid-xinhua-05-worker', 'tmpl-join-pending', 1)
    const fired = (await emu().fireTimer('notify', 'retryUndelivered')) as {
      ok: boolean
      outcomes: Record<string, string>
    }
    expect(fired.outcomes[note._id]).toBe('sent')
    expect((await notesFor(res.data.joinId))[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
    })
    // Delivered records are not sent again.
    const again = (await emu().fireTimer('notify', 'retryUndelivered')) as {
      outcomes: Record<string, string>
    }
    expect(again.outcomes[note._id]).toBeUndefined()
  })
})

describe('content security and the phone-number button', () => {
  it('refuses a risky name with CONTENT.RISKY and stores nothing', async () => {
    const applicant = 'openid-risky'
    const userId = await userIdOf(applicant)
    const res = await call(applicant, 'join.submit', form({ name: '赌博王' }))
    expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT.RISKY' } })
    expect(await joinsOf(userId)).toHaveLength(0)
  })

  it('exchanges the button code for the verified number, once', async () => {
    const res = await call('openid-phone', 'phone.fromCode', { code: 'wx-13712345678' })
    expect(res).toMatchObject({ ok: true, data: { phone: '13712345678' } })
    expect(await call('openid-phone', 'phone.fromCode', { code: 'wx-13712345678' })).toMatchObject({
      ok: false,
      error: { code: 'PHONE.CODE_INVALID' },
    })
    expect(await call('openid-phone', 'phone.fromCode', { code: '' })).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    })
    expect(await call('openid-phone', 'phone.fromCode', { code: 'bad code!' })).toMatchObject({
      ok: false,
      error: { code: 'PHONE.CODE_INVALID' },
    })
  })
})
