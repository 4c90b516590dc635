// The smoke kit's platform checks (config/deploy/smoke.mjs), live only: subscribe messages,
// msgSecCheck, timer triggers, cold starts and memory, through the throwaway probe function.
import { NEEDS_LIVE, sleep } from './kit.mjs'

export const platformChecks = [
  {
    name: 'subscribe message sent with a test template',
    async run({ platform }) {
      if (!platform) return { result: NEEDS_LIVE }
      const openid = process.env.SMOKE_OPENID
      const templateId = process.env.SMOKE_TEMPLATE_ID
      if (!openid || !templateId)
        return {
          result: 'skipped: set SMOKE_TEMPLATE_ID and SMOKE_OPENID (a user who accepted that template)',
        }
      let data
      try {
        data = JSON.parse(process.env.SMOKE_TEMPLATE_DATA ?? '{"thing1":{"value":"冒烟测试"}}')
      } catch {
        return { result: 'fail', detail: 'SMOKE_TEMPLATE_DATA is not JSON' }
      }
      const { result, error } = await platform.invoke(platform.probe, {
        check: 'subscribe',
        openid,
        templateId,
        data,
        page: process.env.SMOKE_PAGE ?? 'pages/index/index',
      })
      const errcode = result?.result?.errcode ?? result?.errcode
      return {
        result: errcode === 0 ? 'pass' : 'fail',
        detail:
          error ?? `errcode ${errcode} ${result?.result?.errmsg ?? JSON.stringify(result).slice(0, 120)}`,
      }
    },
  },
  {
    name: '`msgSecCheck` outcomes (v2)',
    async run({ platform }) {
      if (!platform) return { result: NEEDS_LIVE }
      const openid = process.env.SMOKE_OPENID
      if (!openid) return { result: 'skipped: set SMOKE_OPENID (a user active in the last 2 hours)' }
      const texts = [['pass', '今天小区的路灯修好了，谢谢网格员']]
      if (process.env.SMOKE_RISKY_TEXT) texts.push(['risky', process.env.SMOKE_RISKY_TEXT])
      const seen = []
      let ok = true
      for (const [want, content] of texts) {
        const { result } = await platform.invoke(platform.probe, { check: 'msgSecCheck', openid, content })
        const r = result?.result ?? result
        const got = r?.errcode === 0 ? r.result?.suggest : `errcode ${r?.errcode ?? '?'}`
        seen.push(`${want} text → ${got}${r?.result?.label ? ` (label ${r.result.label})` : ''}`)
        if (got !== want) ok = false
      }
      if (!process.env.SMOKE_RISKY_TEXT) seen.push('risky not tried: set SMOKE_RISKY_TEXT')
      return { result: ok ? 'pass' : 'fail', detail: seen.join('; ') }
    },
  },
  {
    name: 'a timer trigger fires',
    async run({ platform, app, names }) {
      if (!platform) return { result: NEEDS_LIVE }
      const wait = Number(process.env.SMOKE_TIMER_WAIT_S ?? 90)
      const started = Date.now()
      while (Date.now() - started < wait * 1000) {
        const { total } = await app.database().collection(names.timer).count()
        if (total > 0)
          return {
            result: 'pass',
            detail: `${platform.probe} (every 10 s) fired ${total}× within ${Math.round((Date.now() - started) / 1000)} s`,
          }
        await sleep(5000)
      }
      return { result: 'fail', detail: `no firing within ${wait} s` }
    },
  },
  {
    name: 'cold start and peak memory per function',
    async run({ platform }) {
      if (!platform) return { result: NEEDS_LIVE }
      // Each function is invoked twice with a harmless event: the first call is cold when no
      // instance was warm (a fresh deploy, or ≥ ~10 min idle), the second is warm. `api` answers a
      // missing action with a validation error; `sweep` and `notify` run as their timers run them.
      const rows = []
      let ok = true
      for (const fn of [...platform.products, platform.probe]) {
        const first = await platform.invoke(fn, {})
        const second = await platform.invoke(fn, {})
        const peak = Math.max(first.memMb, second.memMb)
        if (first.error && fn !== 'api') ok = false
        rows.push(
          `${fn}: first ${first.durationMs} ms, warm ${second.durationMs} ms, peak ${peak.toFixed(1)} MB`,
        )
      }
      return { result: ok ? 'pass' : 'fail', detail: rows.join('; ') }
    },
  },
]
