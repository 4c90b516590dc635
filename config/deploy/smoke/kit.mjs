// What the smoke kit's parts share (config/deploy/smoke.mjs): its exit on bad usage, its error text.

export const NEEDS_LIVE = 'skipped: needs a live environment'

export function die(message, code = 2) {
  console.error(`smoke: ${message}`)
  process.exit(code)
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
export const errText = (e) => `${e?.code ?? ''} ${e?.message ?? String(e)}`.trim()
