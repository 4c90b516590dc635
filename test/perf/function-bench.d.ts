export interface FunctionBenchResult {
  fn: string
  initMs: number
  peakRssMb: number
  limitMb: number
  failed: { name: string; code: string | null }[]
  actions: { name: string; n: number; p50: number; p95: number }[]
}
export function measureFunction(opts: {
  fn: string
  sdkUrl: string
  envId: string
  rounds: number
}): Promise<FunctionBenchResult>
export const MEMORY_LIMIT_MB: number
export function functionsWithScenarios(): string[]
