#!/usr/bin/env node
// Browser tests use Debian's Chromium (no browser download is possible here). Installs it with
// apt-get when missing and we are root; otherwise says exactly what to run.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (existsSync(CHROMIUM)) process.exit(0)
if (process.getuid?.() !== 0) {
  console.error(
    `ensure-chromium: ${CHROMIUM} is missing. Install it: sudo apt-get install -y chromium fonts-noto-cjk`,
  )
  process.exit(1)
}
console.log('ensure-chromium: installing Debian chromium and CJK fonts (≈ 1 min, once per machine)')
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
execSync('apt-get update -qq', { stdio: 'inherit', env })
execSync('apt-get install -y -qq chromium fonts-noto-cjk', { stdio: ['ignore', 'ignore', 'inherit'], env })
if (!existsSync(CHROMIUM)) {
  console.error(`ensure-chromium: apt-get finished but ${CHROMIUM} is still missing`)
  process.exit(1)
}
