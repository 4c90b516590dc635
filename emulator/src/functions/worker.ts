/**
 * One function instance (a worker thread): loads the built cloudfunctions/<fn>/index.js on its first
 * event (cold start) and then runs one event at a time with the platform environment of that event
 * set in its own process.env (worker threads get a private copy of process.env).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { performance } from 'node:perf_hooks'

interface InvokeMsg {
  type: 'invoke'
  id: string
  event: unknown
  context: Record<string, unknown>
  env: Record<string, string>
}

type MainFn = (event: unknown, context: unknown) => unknown

const { file } = workerData as { file: string }
const port = parentPort
if (!port) throw new Error('worker.js must run as a worker thread')

let main: MainFn | undefined
let current: string | undefined
let envKeys: string[] = []

function fail(id: string | undefined, e: unknown): void {
  if (!id) return
  const err = e instanceof Error ? e : new Error(String(e))
  port?.postMessage({
    type: 'result',
    id,
    ok: false,
    error: { message: err.message, name: err.name, stack: err.stack },
  })
  if (current === id) current = undefined
}

process.on('uncaughtException', (e) => fail(current, e))
process.on('unhandledRejection', (e) => fail(current, e))

port.on('message', (msg: InvokeMsg) => {
  if (msg.type !== 'invoke') return
  void run(msg)
})

async function run(msg: InvokeMsg): Promise<void> {
  current = msg.id
  for (const k of envKeys) delete process.env[k]
  envKeys = Object.keys(msg.env)
  Object.assign(process.env, msg.env)
  let initMs = 0
  try {
    if (!main) {
      const t0 = performance.now()
      const mod = require(file) as { main?: MainFn }
      if (typeof mod.main !== 'function') throw new Error(`${file} does not export main(event, context)`)
      main = mod.main
      initMs = performance.now() - t0
    }
    port?.postMessage({ type: 'started', id: msg.id, initMs })
    const result = await main(msg.event, msg.context)
    if (current !== msg.id) return
    let json: string
    try {
      json = JSON.stringify(result === undefined ? null : result)
    } catch (e) {
      throw new Error(`function result is not JSON-serialisable: ${(e as Error).message}`)
    }
    port?.postMessage({ type: 'result', id: msg.id, ok: true, json })
    current = undefined
  } catch (e) {
    fail(msg.id, e)
  }
}
