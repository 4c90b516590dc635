import * as tcb from '@cloudbase/node-sdk'

type App = ReturnType<typeof tcb.init>

let app: App | undefined

/**
 * The one CloudBase app of this function instance, for the current environment. Which backend it
 * reaches (CloudBase, or the local emulator) is decided by the platform environment alone.
 */
export function cloud(): App {
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  return app
}

export function db() {
  return cloud().database()
}

/** The caller's OPENID from the platform context; '' for timers and HTTP triggers. */
export function callerOpenId(): string {
  return cloud().auth().getUserInfo().openId
}
