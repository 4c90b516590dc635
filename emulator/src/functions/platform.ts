/**
 * What the platform hands a function instance for one event, as SCF does: its environment variables
 * (the caller's identity, the SDK endpoint, the instance's credentials), the `context` argument, and
 * a timer trigger's event.
 */
import type { FunctionDef } from './discover'

export interface Caller {
  openid?: string
  /** how the event arrived: a mini-program/H5 user, another function, a timer, an admin/test, the HTTP access service */
  source: 'user' | 'function' | 'timer' | 'admin' | 'http'
}

export interface PlatformOptions {
  envId: string
  appId: string
  /** the SDK endpoint the functions talk to (TCB_CONTEXT_CNFG.URL) */
  sdkUrl: () => string
}

/** The environment of one event on an instance whose SDK requests are signed with `token`. */
export function eventEnv(
  opts: PlatformOptions,
  fn: FunctionDef,
  token: string,
  caller: Caller,
  requestId: string,
): Record<string, string> {
  const envId = opts.envId
  const openid = caller.openid ?? ''
  return {
    TENCENTCLOUD: 'true',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: opts.sdkUrl() }),
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    SCF_FUNCTIONNAME: fn.name,
    SCF_FUNCTIONVERSION: '$LATEST',
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE,TRIGGER_SRC',
    TCB_SEQID: requestId,
    TCB_SOURCE: caller.source === 'user' ? 'wx_client' : caller.source === 'timer' ? 'timer' : 'server',
    TRIGGER_SRC: caller.source === 'timer' ? 'timer' : 'tcb',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6',
    WX_OPENID: openid,
    WX_APPID: openid ? opts.appId : '',
    WX_UNIONID: '',
    WX_CLIENTIP: caller.source === 'user' ? '127.0.0.1' : '',
    WX_CLIENTIPV6: '',
    TENCENTCLOUD_SECRETID: `emulator-${fn.name}`,
    TENCENTCLOUD_SECRETKEY: 'emulator-secret',
    TENCENTCLOUD_SESSIONTOKEN: token,
  }
}

/** The `context` argument of `main(event, context)`: the event's environment without the secrets. */
export function eventContext(
  opts: Pick<PlatformOptions, 'envId'>,
  fn: FunctionDef,
  requestId: string,
  timeLimitMs: number,
  env: Record<string, string>,
) {
  return {
    callbackWaitsForEmptyEventLoop: false,
    memory_limit_in_mb: 256,
    time_limit_in_ms: timeLimitMs,
    request_id: requestId,
    function_name: fn.name,
    function_version: '$LATEST',
    namespace: opts.envId,
    tencentcloud_region: 'ap-shanghai',
    environ: Object.entries(env)
      .filter(([k]) => !k.startsWith('TENCENTCLOUD_SECRET'))
      .map(([k, v]) => `${k}=${v}`)
      .join(';'),
    environment: JSON.stringify(
      Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('TENCENTCLOUD_SECRET'))),
    ),
  }
}

/** The platform's timer event for a trigger firing now. */
export function timerEvent(triggerName: string) {
  return {
    Type: 'Timer',
    TriggerName: triggerName,
    Time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Message: '',
  }
}
