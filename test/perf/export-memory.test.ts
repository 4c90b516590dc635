// The Excel exports' memory: the `api` function, in its own process as SCF runs it, exports 5,000
// orders (and, separately, the cap: EXPORT_MAX_ROWS) of one community with their timelines, and stays
// within the 128 MB it is deployed with. The file sizes and peaks are printed.
import { buildDemoData } from '../../emulator/seed/demo-data'
import { EXPORT_MAX_ROWS } from '../../src/core/exports/rows'
import { startTestEmulator, type TestEmulator } from '../support/emulator'
import { apiCaller } from '../support/seeded-emulator'
import { measureFunction } from './function-bench'

const ADMIN = 'demo-openid-xinhua-admin'
const CATEGORIES = ['环境卫生', '设施报修', '邻里纠纷', '安全隐患', '停车管理', '噪音扰民']
const TEXTS = ['楼道堆放杂物影响通行', '路灯不亮已经三天了', '楼上漏水到我家卫生间', '小区门口电动车乱停']

/** `n` orders of 新华社区 from `start`, a minute apart, each with a five-step timeline. */
function orders(prefix: string, n: number, start: number) {
  return Array.from({ length: n }, (_, i) => {
    const at = (m: number) => new Date(start + i * 60_000 + m * 60_000)
    const grid = `gr-xinhua-0${(i % 6) + 1}`
    return {
      _id: `od-${prefix}-${i}`,
      requestId: `${prefix}-${i}`,
      reporterId: `user-bench-${i % 900}`,
      reporterName: '王秀英',
      hideName: false,
      categoryId: `cat-${i % 6}`,
      categoryName: CATEGORIES[i % 6],
      text: TEXTS[i % 4],
      photos: [],
      path: { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: grid, buildingId: `bd-${grid}-01` },
      placeName: `${(i % 12) + 1}号楼`,
      status: 'closed',
      tier: i % 5 === 0 ? 'community' : 'grid',
      department: null,
      submittedAt: at(0),
      acceptedAt: at(20),
      repliedAt: at(300),
      closedAt: at(3000),
      overdue: i % 7 === 0,
      rating: { rating: 'satisfied', comment: null, at: at(3000) },
      events: [
        { kind: 'submit', at: at(0), by: 'u', byRole: 'resident', byName: '王秀英' },
        { kind: 'accept', at: at(20), by: 'w', byRole: 'grid_worker', byName: '刘志强' },
        {
          kind: 'reply',
          at: at(300),
          by: 'w',
          byRole: 'grid_worker',
          byName: '刘志强',
          outcome: 'handled',
          text: '已清理完毕',
        },
        { kind: 'rate', at: at(3000), by: 'u', byRole: 'resident', byName: '王秀英', rating: 'satisfied' },
        { kind: 'close', at: at(3000), by: 'u', byRole: 'resident', byName: '王秀英' },
      ],
      open: false,
      version: 5,
    }
  })
}

let emu: TestEmulator | undefined
const env = () => {
  if (!emu) throw new Error('emulator not started')
  return emu
}

beforeAll(async () => {
  const demo = buildDemoData() as unknown as Record<string, Record<string, unknown>[]>
  const seeded = [
    ...orders('k5', 5_000, Date.parse('2023-06-01T00:00:00Z')),
    ...orders('cap', EXPORT_MAX_ROWS, Date.parse('2023-07-01T00:00:00Z')),
  ]
  emu = await startTestEmulator({ seed: { ...demo, orders: [...(demo.orders ?? []), ...seeded] } })
}, 180_000)
afterAll(async () => {
  await emu?.stop()
})

describe('export memory', () => {
  it.each([
    ['5,000 orders', '2023-06-01', '2023-06-05', 5_000],
    [`${EXPORT_MAX_ROWS} orders (the cap)`, '2023-07-01', '2023-07-10', EXPORT_MAX_ROWS],
  ])(
    '%s: one export within 128 MB',
    async (_name, from, to, rows) => {
      const event = {
        action: 'export.community',
        input: { kind: 'orders', communityId: 'cm-xinhua', from, to },
      }
      // The memory and the time, in a fresh process that runs only this export (no platform timeout).
      const r = await measureFunction({
        fn: 'api',
        sdkUrl: env().sdkUrl,
        envId: env().envId,
        rounds: 1,
        events: [{ name: 'export.community', openid: ADMIN, event }],
      })
      expect(r.failed).toEqual([])
      // The file, from the newest export's access-log entry and the stored file's size.
      const logs = (
        await env()
          .app.database()
          .collection('access_logs')
          .where({ action: 'export.orders', allowed: true })
          .orderBy('at', 'desc')
          .limit(1)
          .get()
      ).data as { people: string[] }[]
      expect(logs[0]?.people.length).toBe(Math.min(rows, 900))
      console.log(
        `export of ${rows} orders: peak RSS ${r.peakRssMb.toFixed(1)} MB of ${r.limitMb} MB (at init ${r.memory.initRssMb.toFixed(1)} MB); ${r.actions[0]?.p50.toFixed(0)} ms against the local CloudBase`,
      )
      expect(r.peakRssMb).toBeLessThanOrEqual(r.limitMb)
    },
    120_000,
  )

  it('the file of 5,000 orders is small (deflated)', async () => {
    const made = await apiCaller(env)(ADMIN, 'export.community', {
      kind: 'orders',
      communityId: 'cm-xinhua',
      from: '2023-06-01',
      to: '2023-06-05',
    })
    expect(made.ok).toBe(true)
    console.log(`export of 5000 orders: file ${(made.data.bytes / 1024).toFixed(0)} KiB`)
    expect(made.data.bytes).toBeLessThan(600 * 1024)
  }, 60_000)
})
