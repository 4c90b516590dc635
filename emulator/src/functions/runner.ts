/**
 * The function runner: a pool of worker-thread instances per function, warm between events (cold on
 * first use, after `coldStart` or 15 idle minutes), at most `maxInstancesPerFunction` at once (the
 * rest wait in a queue), each event timed out as the platform does, and the timer triggers.
 * - `discover.ts`: which functions exist, their config.json and timers;
 * - `platform.ts`: what the platform hands an instance per event (environment, context, timer event);
 * - `worker.ts`: the instance's side, in its thread.
 */
import os from 'node:os'
import { randomBytes, randomUUID } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import { performance } from 'node:perf_hooks'
import { Codes, TcbError } from '../errors'
import * as log from '../log'
import { cronMatches } from './cron'
import { discoverFunctions, timeoutMsOf, type FunctionDef } from './discover'
import { eventContext, eventEnv, timerEvent, type Caller } from './platform'

export type { TriggerDecl, FunctionConfig, FunctionDef } from './discover'
export type { Caller } from './platform'

export interface InvokeResult {
  requestId: string
  /** the function's return value as JSON text (what the platform puts in response_data) */
  json: string
  cold: boolean
  initMs: number
  durationMs: number
  /** SDK requests the invocation made to the emulator (all / `database.*` only): round trips, for benchmarks */
  sdkCalls?: number
  dbCalls?: number
}

interface Pending {
  id: string
  resolve: (r: InvokeResult) => void
  reject: (e: TcbError) => void
  cold: boolean
  initMs: number
  started: number
  timer?: NodeJS.Timeout
  sdkCalls?: number
  dbCalls?: number
}

export interface Instance {
  fn: FunctionDef
  worker: Worker
  token: string
  invocations: number
  current: (Pending & { caller: Caller }) | undefined
  retire: boolean
  idleTimer?: NodeJS.Timeout
}

export interface RunnerOptions {
  functionsDir: string
  envId: string
  appId: string
  /** the SDK endpoint the functions talk to (TCB_CONTEXT_CNFG.URL) */
  sdkUrl: () => string
  workerFile: string
  maxInstancesPerFunction?: number
  /** Where the functions' own output (console.log) goes; default: this process's stdout/stderr. */
  functionLog?: NodeJS.WritableStream
  /** overrides config.json timeout / platform default of 3 s */
  timeoutMs?: number
  idleMs?: number
}

const INIT_TIMEOUT_MS = 30_000

/**
 * How many instances of one function run at once locally. SCF runs each instance on its own share
 * of a machine; here they are worker threads sharing this machine's cores with the database and
 * the gateway on the main thread. Beyond one instance per core they only add contention: on 2
 * cores, 10 instances made 200 in-flight reads run at 0.4× the throughput of one-at-a-time (the
 * main thread starved), 2 instances at 1.4× (`npm run bench:emulator`). At least 2, so concurrent
 * events still interleave and races stay reproducible. `--max-instances` overrides it.
 */
export function defaultMaxInstances(): number {
  return Math.max(2, os.availableParallelism())
}

export class FunctionRunner {
  private defs = new Map<string, FunctionDef>()
  private readonly instances = new Map<string, Instance[]>()
  private readonly queues = new Map<string, Array<() => void>>()
  private readonly byTokenMap = new Map<string, Instance>()
  private scheduler?: NodeJS.Timeout
  private stopped = false

  constructor(private readonly opts: RunnerOptions) {
    this.discover()
  }

  discover(): void {
    this.defs = discoverFunctions(this.opts.functionsDir)
  }

  list(): FunctionDef[] {
    return [...this.defs.values()]
  }

  get(name: string): FunctionDef | undefined {
    if (!this.defs.has(name)) this.discover()
    return this.defs.get(name)
  }

  /** the instance whose credentials signed an SDK request (identity of the calling function) */
  byToken(token: string | undefined): Instance | undefined {
    return token ? this.byTokenMap.get(token) : undefined
  }

  private timeoutMs(fn: FunctionDef): number {
    return timeoutMsOf(fn, this.opts.timeoutMs)
  }

  private spawn(fn: FunctionDef): Instance {
    const token = randomBytes(24).toString('hex')
    const worker = new Worker(this.opts.workerFile, {
      workerData: { file: fn.file },
      resourceLimits: { maxOldGenerationSizeMb: 256 },
      stdout: this.opts.functionLog !== undefined,
      stderr: this.opts.functionLog !== undefined,
      // the platform gives an instance no secrets of the host; keep the emulator's own settings out
      // too. The function's own envVariables are set as the platform sets them (NODE_OPTIONS has no
      // effect on a worker thread's heap; test/perf runs each function in its own process for that).
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('EMULATOR_'))),
        ...(fn.config.envVariables ?? {}),
      },
    })
    if (this.opts.functionLog) {
      worker.stdout.pipe(this.opts.functionLog, { end: false })
      worker.stderr.pipe(this.opts.functionLog, { end: false })
    }
    const inst: Instance = { fn, worker, token, invocations: 0, current: undefined, retire: false }
    this.byTokenMap.set(token, inst)
    const list = this.instances.get(fn.name) ?? []
    list.push(inst)
    this.instances.set(fn.name, list)
    worker.on(
      'message',
      (m: {
        type: string
        id: string
        initMs?: number
        ok?: boolean
        json?: string
        error?: { message: string; name?: string }
      }) => {
        const cur = inst.current
        if (!cur || cur.id !== m.id) return
        if (m.type === 'started') {
          clearTimeout(cur.timer)
          cur.initMs = m.initMs ?? 0
          const ms = this.timeoutMs(fn)
          cur.timer = setTimeout(() => {
            this.finish(
              inst,
              new TcbError(
                Codes.FUNCTIONS_EXECUTE_FAIL,
                `Invoking task timed out after ${ms / 1000} seconds`,
              ),
            )
            this.kill(inst)
          }, ms)
          return
        }
        if (m.type === 'result') {
          if (m.ok) this.finish(inst, undefined, m.json ?? 'null')
          else
            this.finish(
              inst,
              new TcbError(
                Codes.FUNCTIONS_EXECUTE_FAIL,
                `${m.error?.name ?? 'Error'}: ${m.error?.message ?? 'unknown error'}`,
              ),
            )
        }
      },
    )
    worker.on('error', (e) => {
      this.finish(inst, new TcbError(Codes.FUNCTIONS_EXECUTE_FAIL, `function instance crashed: ${e.message}`))
      this.remove(inst)
    })
    worker.on('exit', () => {
      if (inst.current)
        this.finish(
          inst,
          new TcbError(Codes.FUNCTIONS_EXECUTE_FAIL, 'function instance exited during invocation'),
        )
      this.remove(inst)
    })
    return inst
  }

  private remove(inst: Instance): void {
    this.byTokenMap.delete(inst.token)
    clearTimeout(inst.idleTimer)
    const list = this.instances.get(inst.fn.name)
    if (list) {
      const i = list.indexOf(inst)
      if (i >= 0) list.splice(i, 1)
    }
    this.pump(inst.fn.name)
  }

  private kill(inst: Instance): void {
    this.remove(inst)
    void inst.worker.terminate()
  }

  private finish(inst: Instance, err: TcbError | undefined, json?: string): void {
    const cur = inst.current
    if (!cur) return
    clearTimeout(cur.timer)
    inst.current = undefined
    const durationMs = performance.now() - cur.started
    if (err) cur.reject(err)
    else
      cur.resolve({
        requestId: cur.id,
        json: json ?? 'null',
        cold: cur.cold,
        initMs: cur.initMs,
        durationMs,
        sdkCalls: cur.sdkCalls ?? 0,
        dbCalls: cur.dbCalls ?? 0,
      })
    if (inst.retire || this.stopped) this.kill(inst)
    else {
      clearTimeout(inst.idleTimer)
      inst.idleTimer = setTimeout(() => this.kill(inst), this.opts.idleMs ?? 15 * 60_000)
      inst.idleTimer.unref()
      this.pump(inst.fn.name)
    }
  }

  private pump(name: string): void {
    const q = this.queues.get(name)
    const next = q?.shift()
    if (next) next()
  }

  /** runs one event on an idle (warm) instance, or a new (cold) one, or waits for one */
  async invoke(name: string, event: unknown, caller: Caller): Promise<InvokeResult> {
    if (this.stopped) throw new TcbError(Codes.FUNCTIONS_REQUEST_FAIL, 'emulator is stopping')
    const fn = this.get(name)
    if (!fn)
      throw new TcbError(
        Codes.FUNCTIONS_REQUEST_FAIL,
        `[ResourceNotFound.Function] function ${name} not found`,
      )
    const max = this.opts.maxInstancesPerFunction ?? defaultMaxInstances()
    for (;;) {
      const list = this.instances.get(name) ?? []
      let inst = list.find((i) => !i.current && !i.retire)
      let cold = false
      if (!inst && list.filter((i) => !i.retire).length < max) {
        inst = this.spawn(fn)
        cold = true
      }
      if (inst) return this.run(inst, event, caller, cold)
      await new Promise<void>((r) => {
        const q = this.queues.get(name) ?? []
        q.push(r)
        this.queues.set(name, q)
      })
    }
  }

  private run(inst: Instance, event: unknown, caller: Caller, cold: boolean): Promise<InvokeResult> {
    const id = randomUUID()
    clearTimeout(inst.idleTimer)
    inst.invocations++
    const env = eventEnv(this.opts, inst.fn, inst.token, caller, id)
    const context = eventContext(this.opts, inst.fn, id, this.timeoutMs(inst.fn), env)
    return new Promise<InvokeResult>((resolve, reject) => {
      const pending: Pending & { caller: Caller } = {
        id,
        resolve,
        reject,
        cold,
        initMs: 0,
        started: performance.now(),
        caller,
      }
      inst.current = pending
      // init (module load) gets its own generous limit; the execution timeout starts once main() is called
      pending.timer = setTimeout(() => {
        this.finish(
          inst,
          new TcbError(
            Codes.FUNCTIONS_EXECUTE_FAIL,
            `function initialisation timed out after ${INIT_TIMEOUT_MS / 1000} seconds`,
          ),
        )
        this.kill(inst)
      }, INIT_TIMEOUT_MS)
      inst.worker.postMessage({ type: 'invoke', id, event, context, env })
    })
  }

  /** fires a timer trigger now, with the platform's timer event */
  async fireTimer(name: string, triggerName?: string): Promise<InvokeResult> {
    const fn = this.get(name)
    if (!fn)
      throw new TcbError(
        Codes.FUNCTIONS_REQUEST_FAIL,
        `[ResourceNotFound.Function] function ${name} not found`,
      )
    const trig = triggerName ? fn.timers.find((t) => t.name === triggerName) : fn.timers[0]
    if (!trig)
      throw new TcbError(
        Codes.INVALID_PARAM,
        `function ${name} has no timer trigger${triggerName ? ` named ${triggerName}` : ''}`,
      )
    return this.invoke(name, timerEvent(trig.name), { source: 'timer' })
  }

  /** forces the next invocation(s) to cold-start: idle instances go now, busy ones after their event */
  coldStart(name?: string): void {
    for (const [fn, list] of this.instances) {
      if (name && fn !== name) continue
      for (const inst of [...list]) {
        if (inst.current) inst.retire = true
        else this.kill(inst)
      }
    }
    this.discover()
  }

  /** checks every timer trigger once a second, in UTC+8 */
  startScheduler(): void {
    let last = Math.floor(Date.now() / 1000)
    this.scheduler = setInterval(() => {
      const nowSec = Math.floor(Date.now() / 1000)
      for (let s = last + 1; s <= nowSec; s++) {
        const at = new Date(s * 1000)
        for (const fn of this.defs.values()) {
          for (const t of fn.timers) {
            if (!cronMatches(t.cron, at)) continue
            log.info(`timer ${fn.name}/${t.name} fired`)
            this.fireTimer(fn.name, t.name).catch((e: TcbError) =>
              log.error(`timer ${fn.name}/${t.name}`, e.code, e.message),
            )
          }
        }
      }
      last = nowSec
    }, 250)
    this.scheduler.unref()
  }

  stats(): Array<{ name: string; instances: number; busy: number }> {
    return this.list().map((f) => {
      const list = this.instances.get(f.name) ?? []
      return { name: f.name, instances: list.length, busy: list.filter((i) => i.current).length }
    })
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.scheduler)
    const all = [...this.instances.values()].flat()
    for (const inst of all)
      if (inst.current) this.finish(inst, new TcbError(Codes.FUNCTIONS_EXECUTE_FAIL, 'emulator stopped'))
    await Promise.all(all.map((i) => i.worker.terminate()))
    this.instances.clear()
    this.byTokenMap.clear()
    for (const q of this.queues.values()) for (const r of q) r()
  }
}
