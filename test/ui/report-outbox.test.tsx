/**
 * The draft outbox with a fake network that fails N times: saved before sending, the same request id
 * on every retry, photos uploaded once each, "sent" only after the server answered, refusals stop.
 */
import { ServiceError } from '../../src/services/cloud'
import { BACKOFF_BASE_MS, DraftOutbox, backoffMs, type Draft, type KeyValue } from '../../src/services/drafts'
import { TransportError } from '../../src/services/transport-types'
import { PhotoMissingError } from '../../src/services/upload-rules'

interface Payload {
  text: string
}

function memoryStore(): KeyValue & { raw: Map<string, unknown> } {
  const raw = new Map<string, unknown>()
  return { raw, get: (k) => raw.get(k) ?? '', set: (k, v) => void raw.set(k, v) }
}

function setup(opts: { sendFailures?: number; uploadFailures?: number; refuse?: ServiceError } = {}) {
  const store = memoryStore()
  let clock = 1_000_000
  const timers: Array<{ fn: () => void; at: number }> = []
  const sends: Array<{ id: string; fileIDs: readonly string[]; payload: Payload }> = []
  const uploads: Array<{ local: string; cloudPath: string }> = []
  const discarded: string[] = []
  let sendFailures = opts.sendFailures ?? 0
  let uploadFailures = opts.uploadFailures ?? 0
  const outbox = new DraftOutbox({
    store,
    now: () => clock,
    random: () => 0.5,
    setTimer: (fn, ms) => {
      const t = { fn, at: clock + ms }
      timers.push(t)
      return t
    },
    clearTimer: (h) => {
      const i = timers.indexOf(h as (typeof timers)[number])
      if (i >= 0) timers.splice(i, 1)
    },
    upload: async (local, cloudPath) => {
      uploads.push({ local, cloudPath })
      if (uploadFailures > 0) {
        uploadFailures--
        throw new TransportError('uploadFile:fail timeout', 0)
      }
      return `cloud://env.bucket/${cloudPath}`
    },
    discardFile: (p) => void discarded.push(p),
  })
  outbox.register<Payload, { orderId: string }>({
    kind: 'report',
    cloudPath: (d, i) => `reports/${d.owner}/${d.id}/${i}.jpg`,
    send: async (d, fileIDs) => {
      sends.push({ id: d.id, fileIDs, payload: d.payload })
      if (opts.refuse) throw opts.refuse
      if (sendFailures > 0) {
        sendFailures--
        throw new ServiceError('NETWORK', 'callFunction:fail')
      }
      return { orderId: `wo_${d.owner}_${d.id}` }
    },
  })
  const advance = async (ms: number) => {
    clock += ms
    const due = timers.filter((t) => t.at <= clock)
    for (const t of due) {
      timers.splice(timers.indexOf(t), 1)
      t.fn()
    }
    await new Promise((r) => setTimeout(r, 0))
    await outbox.flush()
  }
  return { outbox, store, sends, uploads, discarded, timers, advance, now: () => clock }
}

describe('draft outbox', () => {
  it('persists the draft and its request id before anything is sent', () => {
    const { outbox, store, sends } = setup()
    const d = outbox.save<Payload>('report', 'u1', { text: '楼道灯坏了' }, ['/tmp/a.jpg'], 'req-0001')
    expect(sends).toHaveLength(0)
    const stored = JSON.parse(String(store.raw.get('emulin.drafts.v1'))) as Draft[]
    expect(stored).toEqual([
      expect.objectContaining({
        id: 'req-0001',
        state: 'pending',
        payload: { text: '楼道灯坏了' },
        files: [{ local: '/tmp/a.jpg', fileID: null }],
      }),
    ])
    expect(d.state).toBe('pending')
  })

  it('survives a restart: a new outbox on the same storage finds the draft and sends it', async () => {
    const first = setup({ sendFailures: 1 })
    first.outbox.save<Payload>('report', 'u1', { text: '井盖松动' }, [], 'req-restart')
    expect((await first.outbox.submit('req-restart'))?.state).toBe('pending')
    const second = new DraftOutbox({
      store: first.store,
      upload: async () => 'x',
      now: () => first.now() + 60_000,
    })
    const sent: string[] = []
    second.register<Payload, string>({
      kind: 'report',
      cloudPath: () => 'p',
      send: async (d) => (sent.push(d.id), 'ok'),
    })
    await second.flush()
    expect(sent).toEqual(['req-restart'])
    expect(second.get('req-restart')).toMatchObject({ state: 'sent', result: 'ok' })
  })

  it('retries with backoff after N network failures, with the same request id, and is sent only after the ack', async () => {
    const { outbox, sends, advance, timers } = setup({ sendFailures: 3 })
    outbox.save<Payload>('report', 'u1', { text: '飞线充电' }, [], 'req-retry')
    const first = await outbox.submit('req-retry')
    expect(first).toMatchObject({ state: 'pending', attempts: 1, lastError: { code: 'NETWORK' } })
    expect(timers).toHaveLength(1)
    expect(timers[0]?.at).toBeGreaterThan(0)
    await advance(BACKOFF_BASE_MS - 2_000) // not due yet (5 s × 0.75..1.25 → exactly 5 s with random 0.5)
    expect(sends).toHaveLength(1)
    await advance(2_000)
    expect(sends).toHaveLength(2)
    expect(outbox.get('req-retry')?.state).toBe('pending')
    await advance(backoffMs(2, 0.5))
    await advance(backoffMs(3, 0.5))
    expect(sends.map((s) => s.id)).toEqual(['req-retry', 'req-retry', 'req-retry', 'req-retry'])
    expect(outbox.get('req-retry')).toMatchObject({
      state: 'sent',
      attempts: 4,
      result: { orderId: 'wo_u1_req-retry' },
      lastError: null,
    })
    expect(timers).toHaveLength(0)
  })

  it('uploads each photo once: a failed upload resumes where it stopped, fileIDs kept between attempts', async () => {
    const { outbox, uploads, sends, discarded } = setup({ uploadFailures: 1 })
    outbox.save<Payload>('report', 'u9', { text: '路灯不亮' }, ['/l/0.jpg', '/l/1.jpg'], 'req-photos')
    // photo 0 fails on the first attempt
    expect((await outbox.submit('req-photos'))?.state).toBe('pending')
    expect(sends).toHaveLength(0)
    const sent = await outbox.submit('req-photos')
    expect(sent?.state).toBe('sent')
    expect(uploads.map((u) => u.cloudPath)).toEqual([
      'reports/u9/req-photos/0.jpg',
      'reports/u9/req-photos/0.jpg',
      'reports/u9/req-photos/1.jpg',
    ])
    expect(sends).toEqual([
      {
        id: 'req-photos',
        payload: { text: '路灯不亮' },
        fileIDs: [
          'cloud://env.bucket/reports/u9/req-photos/0.jpg',
          'cloud://env.bucket/reports/u9/req-photos/1.jpg',
        ],
      },
    ])
    expect(discarded).toEqual(['/l/0.jpg', '/l/1.jpg'])
    // a later flush sends nothing again
    await outbox.flush({ force: true })
    expect(sends).toHaveLength(1)
  })

  it('stops on a refusal from the server and keeps the copy to show', async () => {
    const { outbox, sends, timers, advance } = setup({
      refuse: new ServiceError('INPUT.INVALID', 'text too long'),
    })
    outbox.save<Payload>('report', 'u1', { text: 'x' }, [], 'req-refused')
    const d = await outbox.submit('req-refused')
    expect(d?.state).toBe('failed')
    expect(d?.lastError?.copy).toBeTruthy()
    expect(timers).toHaveLength(0)
    await advance(BACKOFF_MAX)
    expect(sends).toHaveLength(1)
    outbox.remove('req-refused')
    expect(outbox.list()).toHaveLength(0)
  })

  it('a lost local photo is not retried forever', async () => {
    const lost = new DraftOutbox({
      store: memoryStore(),
      upload: async (p) => {
        throw new PhotoMissingError(p)
      },
    })
    lost.register<Payload, string>({ kind: 'report', cloudPath: () => 'p', send: async () => 'ok' })
    lost.save<Payload>('report', 'u1', { text: 'x' }, ['blob:gone'], 'req-lost')
    expect(await lost.submit('req-lost')).toMatchObject({
      state: 'failed',
      lastError: { code: 'PHOTO_MISSING', copy: expect.stringContaining('重新选择照片') },
    })
  })

  it('saving twice with the same id keeps one draft; flushes do not overlap', async () => {
    const { outbox, sends } = setup()
    outbox.save<Payload>('report', 'u1', { text: 'a' }, [], 'req-same')
    outbox.save<Payload>('report', 'u1', { text: 'b' }, [], 'req-same')
    expect(outbox.list()).toHaveLength(1)
    await Promise.all([
      outbox.flush({ force: true }),
      outbox.flush({ force: true }),
      outbox.submit('req-same'),
    ])
    expect(sends).toHaveLength(1)
    expect(sends[0]?.payload).toEqual({ text: 'a' })
  })

  it('backs off exponentially up to a cap', () => {
    expect(backoffMs(1, 0.5)).toBe(5_000)
    expect(backoffMs(2, 0.5)).toBe(10_000)
    expect(backoffMs(4, 0.5)).toBe(40_000)
    expect(backoffMs(30, 0.5)).toBe(BACKOFF_MAX)
    expect(backoffMs(1, 0)).toBe(3_750)
  })
})

const BACKOFF_MAX = 10 * 60_000
