/**
 * The Open311 feed's largest page within the HTTP trigger's 5 s (the function's config.json timeout,
 * which the local CloudBase enforces): 1 000 requests in one answer, JSON and XML, from a street
 * with 1 200 orders in the window (docs/adr/0025-open311.md).
 */
import http from 'node:http'
import { measureFunction } from '../perf/function-bench'
import { useApi } from '../support/api-test'
import { requestProblems } from '../support/georeport'
import { parseXml } from '../support/xml'

const { emu, db } = useApi()

function get(
  path: string,
  from: string,
): Promise<{ status: number; text: string; ms: number; link: string }> {
  const t0 = Date.now()
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, emu().url), { localAddress: from }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          ms: Date.now() - t0,
          link: String(res.headers.link ?? ''),
        }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

const N = 1200
const since = new Date(Date.now() - 3 * 86_400_000)
/** The demo's own orders in the window (its eight weeks of history): on the second page too. */
let seeded = 0

beforeAll(async () => {
  const docs = Array.from({ length: N }, (_, i) => {
    const at = new Date(since.getTime() + i * 60_000)
    return {
      _id: `wo_volume${String(i).padStart(13, '0')}`,
      requestId: `vol-${i}`,
      reporterId: `user-volume-${i % 40}`,
      reporterName: '测试居民',
      hideName: false,
      publicText: true,
      onBehalfOf: null,
      categoryId: i % 3 === 0 ? 'drain' : 'street_light',
      categoryName: i % 3 === 0 ? '下水道堵塞' : '路灯不亮',
      // the longest text a report may have (TEXT_MAX 500), every one public: the worst case
      text: `${String(i).padStart(4, '0')}${'路灯不亮，楼道灯也坏了。'.repeat(50)}`.slice(0, 500),
      photos: [],
      photosChecked: true,
      held: false,
      location: { kind: 'household' },
      path: { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' },
      placeName: '1号楼',
      status: i % 5 === 0 ? 'closed' : 'submitted',
      open: i % 5 !== 0,
      tier: 'grid',
      department: null,
      submittedAt: at,
      tierSince: at,
      dueAt: new Date(at.getTime() + 4 * 3_600_000),
      dueAction: i % 5 === 0 ? null : 'escalate',
      reply: null,
      events: [{ kind: 'submit', at, by: `user-volume-${i % 40}`, byRole: 'resident', byName: '测试居民' }],
      version: 0,
    }
  })
  seeded = (
    await db()
      .collection('orders')
      .where({ submittedAt: db().command.gte(since) })
      .count()
  ).total
  for (let i = 0; i < docs.length; i += 200)
    await db()
      .collection('orders')
      .add(docs.slice(i, i + 200))
}, 60_000)

describe('Open311: the largest page', () => {
  it.each(['json', 'xml'])(
    'answers 1 000 requests in %s well within 5 s, then the rest on the next page',
    async (fmt) => {
      const from = fmt === 'json' ? '127.0.2.1' : '127.0.2.2'
      const first = await get(
        `/open311/v2/requests.${fmt}?start_date=${encodeURIComponent(since.toISOString())}`,
        from,
      )
      expect(first.status).toBe(200)
      expect(first.ms).toBeLessThan(5000)
      const items =
        fmt === 'json'
          ? (JSON.parse(first.text) as unknown[])
          : parseXml(first.text).children.map((c) =>
              Object.fromEntries(c.children.map((f) => [f.name, f.text])),
            )
      expect(items).toHaveLength(1000)
      if (fmt === 'json') for (const r of items) expect(requestProblems(r)).toEqual([])
      const next = /^<([^>]+)>; rel="next"$/.exec(first.link)?.[1]
      expect(next).toBeDefined()
      const u = new URL(next as string)
      const second = await get(`${u.pathname}${u.search}`, from)
      expect(second.status).toBe(200)
      const rest = fmt === 'json' ? (JSON.parse(second.text) as unknown[]) : parseXml(second.text).children
      expect(rest).toHaveLength(N + seeded - 1000)
      expect(second.link).toBe('')
    },
  )

  // Measured (one run each, 1 000-request pages of 500-character public texts): 140 MB with the
  // semi-space setting alone, 87 MB with the old space held to 48 MB (its config.json NODE_OPTIONS).
  it('stays within its 128 MB serving pages of 1 000 (the perf scenario, in its own process)', async () => {
    const r = await measureFunction({ fn: 'open311', sdkUrl: emu().sdkUrl, envId: emu().envId, rounds: 10 })
    expect(r.failed).toEqual([])
    expect(r.peakRssMb).toBeLessThanOrEqual(r.limitMb)
  }, 60_000)
})
