/** One local CloudBase with the demo data per test file: started before its tests, stopped after. */
import { buildDemoData } from '../../emulator/seed/demo-data'
import { startTestEmulator, type TestEmulator, type TestEmulatorOptions } from './emulator'

export function useSeededEmulator(options: TestEmulatorOptions = {}): () => TestEmulator {
  let emu: TestEmulator | undefined
  beforeAll(async () => {
    emu = await startTestEmulator({ seed: buildDemoData(), ...options })
  }, 60_000)
  afterAll(async () => {
    await emu?.stop()
  })
  return () => {
    if (!emu) throw new Error('emulator not started')
    return emu
  }
}
