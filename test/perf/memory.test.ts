import { readdirSync, existsSync } from 'node:fs'
import path from 'node:path'
import { useSeededEmulator } from '../support/seeded-emulator'
import { functionsWithScenarios, measureFunction } from './function-bench'

const emu = useSeededEmulator()
const fnRoot = path.join(__dirname, '..', '..', 'cloudfunctions')
const functions = readdirSync(fnRoot).filter((d) => existsSync(path.join(fnRoot, d, 'src', 'index.ts')))

// Memory, not time: every function serves its benchmark workload in its own process within the
// 128 MB it is deployed with (timings are printed by `npm run bench:functions`, never asserted).
describe('function memory budget', () => {
  it('has a benchmark scenario for every function', () => {
    expect(functionsWithScenarios().sort()).toEqual([...functions].sort())
  })

  it.each(functions)('%s runs its benchmark within 128 MB', async (fn) => {
    const r = await measureFunction({ fn, sdkUrl: emu().sdkUrl, envId: emu().envId, rounds: 20 })
    expect(r.failed).toEqual([])
    expect(r.peakRssMb).toBeLessThanOrEqual(r.limitMb)
  })
})
