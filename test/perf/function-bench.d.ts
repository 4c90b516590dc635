export interface FunctionMemory {
  /** node itself, before the bundle */
  baseRssMb: number
  /** after requiring the bundle and the SDK it requires */
  initRssMb: number
  endRssMb: number
  heapUsedMb: number
  /** after a full garbage collection at the end */
  retainedRssMb: number
  retainedHeapMb: number
}
export interface FunctionBenchResult {
  fn: string
  initMs: number
  peakRssMb: number
  memory: FunctionMemory
  limitMb: number
  failed: { name: string; code: string | null }[]
  actions: { name: string; n: number; p50: number; p95: number }[]
}
export function measureFunction(opts: {
  fn: string
  sdkUrl: string
  envId: string
  rounds: number
  /** A one-off workload instead of the function's scenario in scenarios.js. */
  events?: { name: string; openid: string; event: unknown }[]
}): Promise<FunctionBenchResult>
export function measureBareSdk(): Promise<{ ms: number; mb: number }>
export const MEMORY_LIMIT_MB: number
export const MEMORY_GOAL_MB: number
export function functionsWithScenarios(): string[]
