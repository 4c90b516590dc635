import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { useSeededEmulator } from '../support/seeded-emulator'
import { functionsWithScenarios, measureFunction, MEMORY_LIMIT_MB } from './function-bench'

const emu = useSeededEmulator()
const fnRoot = path.join(__dirname, '..', '..', 'cloudfunctions')
const functions = readdirSync(fnRoot).filter((d) => existsSync(path.join(fnRoot, d, 'src', 'index.ts')))

// Memory, not time: every function serves its benchmark workload in its own process within the
// 128 MB it is deployed with (timings are printed by `npm run bench:functions`, never asserted).
describe('function memory budget', () => {
  it('has a benchmark scenario for every function', () => {
    expect(functionsWithScenarios().sort()).toEqual([...functions].sort())
  })

  it('deploys every function with the memory it is benchmarked against (cloudbaserc.json)', () => {
    const rc = JSON.parse(readFileSync(path.join(fnRoot, '..', 'cloudbaserc.json'), 'utf8')) as {
      functions: { name: string; memorySize: number; handler: string }[]
    }
    expect(rc.functions.map((f) => f.name).sort()).toEqual([...functions].sort())
    for (const f of rc.functions)
      expect({ name: f.name, memorySize: f.memorySize, handler: f.handler }).toEqual({
        name: f.name,
        memorySize: MEMORY_LIMIT_MB,
        handler: 'index.main',
      })
  })

  it.each(functions)('%s runs its benchmark within 128 MB', async (fn) => {
    const r = await measureFunction({ fn, sdkUrl: emu().sdkUrl, envId: emu().envId, rounds: 20 })
    expect(r.failed).toEqual([])
    expect(r.peakRssMb).toBeLessThanOrEqual(r.limitMb)
  })
})
