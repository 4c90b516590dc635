// Functions are tested as they deploy: build cloudfunctions/<fn>/index.js once before the suite.
const { execFileSync } = require('node:child_process')
const path = require('node:path')

module.exports = async function buildFunctions() {
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'config', 'build-functions.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}
