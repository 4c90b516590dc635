// The per-file row cap of the Excel exports: a period with more orders than EXPORT_MAX_ROWS is
// refused whole with EXPORT.TOO_MANY_ROWS and a message saying what to do; nothing is made or logged.
// Its own local CloudBase, seeded with EXPORT_MAX_ROWS + 1 (5,001) orders of 新华社区 in May 2023 (besides the demo street).
import { buildDemoData } from '../../emulator/seed/demo-data'
import { EXPORT_MAX_ROWS } from '../../src/core/exports/rows'
import { apiCaller } from '../support/seeded-emulator'
import { startTestEmulator, type TestEmulator } from '../support/emulator'
import { STREET_ADMIN, XINHUA_ADMIN as ADMIN } from '../support/demo-people'

let emu: TestEmulator | undefined
const env = () => {
  if (!emu) throw new Error('emulator not started')
  return emu
}
const call = apiCaller(env)
const MAY = { from: '2023-05-01', to: '2023-05-31' }
const path = {
  streetId: 'st-dongjie',
  communityId: 'cm-xinhua',
  gridId: 'gr-xinhua-01',
  buildingId: 'bd-xinhua-01-01',
}

beforeAll(async () => {
  const demo = buildDemoData() as unknown as Record<string, Record<string, unknown>[]>
  const start = Date.parse('2023-05-01T00:00:00Z')
  const orders = Array.from({ length: EXPORT_MAX_ROWS + 1 }, (_, i) => ({
    _id: `od-cap-${i}`,
    requestId: `cap-${i}`,
    reporterId: 'user-resident-wang',
    categoryName: '环境卫生',
    path,
    placeName: '1号楼',
    status: 'submitted',
    tier: 'grid',
    department: null,
    submittedAt: new Date(start + i * 60_000),
    acceptedAt: null,
    repliedAt: null,
    closedAt: null,
    overdue: false,
    rating: null,
    events: [],
    open: true,
  }))
  emu = await startTestEmulator({ seed: { ...demo, orders: [...(demo.orders ?? []), ...orders] } })
}, 120_000)
afterAll(async () => {
  await emu?.stop()
})

const allowedLogs = async () =>
  (await env().app.database().collection('access_logs').where({ allowed: true }).count()).total as number

describe('the row cap', () => {
  it(`refuses ${EXPORT_MAX_ROWS + 1} rows whole: a clear code, the cap named, nothing logged`, async () => {
    const before = await allowedLogs()
    const r = await call(ADMIN, 'export.community', { kind: 'orders', communityId: 'cm-xinhua', ...MAY })
    expect(r.error).toMatchObject({
      code: 'EXPORT.TOO_MANY_ROWS',
      message: '共 5001 行，超过 5000 行，请缩短时间范围',
    })
    const street = await call(STREET_ADMIN, 'export.street', {
      kind: 'orders',
      streetId: 'st-dongjie',
      ...MAY,
    })
    expect(street.error).toMatchObject({
      code: 'EXPORT.TOO_MANY_ROWS',
      message: '共 5001 行，超过 5000 行，请缩短时间范围或选择单个社区',
    })
    expect(await allowedLogs()).toBe(before)
  })

  it('a shorter period of the same orders is made', async () => {
    const r = await call(ADMIN, 'export.community', {
      kind: 'orders',
      communityId: 'cm-xinhua',
      from: '2023-05-01',
      to: '2023-05-01',
    })
    expect(r.ok).toBe(true)
    // 1 May in China is 30 April 16:00 – 1 May 16:00 UTC: the orders of its first 16 hours.
    expect(r.data.rows).toBe(16 * 60)
  })
})
