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

/** What the `api` function answers (tests read `data` loosely). */
export type ApiResult = {
  ok: boolean
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any
  error?: { code: string; message: string; details?: { path?: string; message: string }[] }
  requestId?: string
}

/** `call(openid, action, input)`: the `api` function invoked as the platform would, as that user. */
export function apiCaller(emu: () => TestEmulator) {
  return async (openid: string, action: string, input: unknown = {}): Promise<ApiResult> =>
    (await emu().invoke('api', { action, input }, { openid })) as ApiResult
}
