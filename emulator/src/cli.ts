/**
 * `npm run emulator`: the local CloudBase alone on 127.0.0.1:${EMULATOR_PORT:-9000}, SDK endpoint at /admin.
 * Point any script at it with `tcb.init({ env, serviceUrl: 'http://127.0.0.1:9000/admin', secretId, secretKey })`
 * (plus TENCENTCLOUD=true to skip the metadata probe) or with TCB_CONTEXT_CNFG='{"URL":".../admin"}'.
 *
 * Flags (all optional; environment variables in brackets):
 *   --port N [EMULATOR_PORT]            0 = ephemeral
 *   --host H [EMULATOR_HOST]            default 127.0.0.1
 *   --data-dir D [EMULATOR_DATA_DIR]    default <repo>/.local/emulator
 *   --functions-dir D [EMULATOR_FUNCTIONS_DIR]   default <repo>/cloudfunctions
 *   --collections F [EMULATOR_COLLECTIONS]       default <functions-dir>/collections.json, else <repo>/cloudfunctions/collections.json
 *   --static-dir D [EMULATOR_STATIC_DIR]         serve an H5 build at /
 *   --seed demo|none|<file.ejson> [EMULATOR_SEED] data for a fresh data directory (default demo)
 *   --seccheck <file.json> [EMULATOR_SECCHECK]   { "risky": [...], "review": [...] }
 *   --no-timers                          don't run timer triggers on their schedule
 *   --no-fsync                           skip fdatasync (still survives kill -9, not power loss)
 *   --timeout-ms N                       override every function's timeout
 *   --max-instances N [EMULATOR_MAX_INSTANCES]  instances per function at once (default: cores, at least 2)
 *   --admin-token T [EMULATOR_ADMIN_TOKEN]
 *   --ready-json                         print one JSON line {url, sdkUrl, envId, adminToken} when listening
 */
import { startEmulator } from './emulator'
import { parseArgs, stopOnSignals } from './args'
import * as log from './log'

process.env.TZ = 'UTC' // the platform's runtime clock zone; timers are evaluated in UTC+8 explicitly

async function main(): Promise<void> {
  const { opts, readyJson } = parseArgs(process.argv.slice(2))
  const emu = await startEmulator(opts)
  stopOnSignals(emu)
  if (readyJson)
    process.stdout.write(
      JSON.stringify({
        url: emu.url,
        sdkUrl: emu.sdkUrl,
        envId: emu.envId,
        adminToken: emu.adminToken,
        seeded: emu.seeded,
      }) + '\n',
    )
  log.info(
    `local CloudBase on ${emu.url} (SDK endpoint ${emu.sdkUrl}, env ${emu.envId}); data in ${opts.dataDir}${emu.seeded ? ' (fresh: demo data seeded)' : ''}`,
  )
  log.info(
    `functions: ${
      emu.runner
        .list()
        .map((f) => f.name)
        .join(', ') || '(none built yet)'
    } from ${opts.functionsDir}`,
  )
  log.info(`dev pages: ${emu.url}/dev/`)
}

main().catch((e: unknown) => {
  log.error('startup', 'SYS_ERR', (e as Error)?.stack ?? String(e))
  process.exit(1)
})
