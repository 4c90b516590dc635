// Guard for docs/adr/0002 (Update 2026-11-21): feature input schemas ship in their subpackages, not
// in the main package. Lint cannot see this (a schema reaches main through any chain of imports, and
// src/services/cloud.ts's own `mainActions` is where one would be added), so this reads the real
// build: every action whose schema is defined in a main-package file must belong to one of the
// contract modules main is allowed to ship (the ones `mainActions` in src/services/cloud.ts picks
// from). A page in main that needs another action makes this fail: decide it here, on purpose.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { apiActions } from '@core/api'
import { directoryActions } from '@core/directory/api'
import { joinActions } from '@core/join/api'
import { meActions } from '@core/me/api'
import { orderActions } from '@core/orders/api'
import { latestNoticeActions } from '@core/notices/latest-api'
import { workbenchActions } from '@core/workbench/api'
import { requireWeappBuild } from '../support/weapp-harness'

/** Contract modules whose schemas main may ship (a picked entry ships its whole module). */
// workbenchActions: home's staff card calls workbench.summary (one empty-object schema).
// latestNoticeActions: home's latest-notice card calls notice.latest (a module of its one action).
const MAIN_MODULES = {
  meActions,
  joinActions,
  directoryActions,
  orderActions,
  workbenchActions,
  latestNoticeActions,
}
const allowedInMain = new Set(Object.values(MAIN_MODULES).flatMap((m) => Object.keys(m)))

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? jsFiles(full) : e.name.endsWith('.js') ? [full] : []
  })
}

/**
 * Action names whose schema is defined in these files. A contract entry compiles to
 * `"activity.get":(0,o.Q)()(…)` (defineAction<O>()(schema)), or `Q()(` once concatenated; the
 * permission table's `"activity.get":{roles:…}`, which main does ship, does not match.
 */
function schemasIn(files: readonly string[]): Set<string> {
  const found = new Set<string>()
  const entry = /"([a-z]+\.[A-Za-z]+)":(?:\(0,[\w$]+\.[\w$]+\)|[\w$]+)\(\)\(/g
  for (const f of files) for (const m of fs.readFileSync(f, 'utf8').matchAll(entry)) found.add(m[1]!)
  return found
}

const dist = requireWeappBuild()
const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as {
  subPackages: { root: string }[]
}
const subRoots = appJson.subPackages.map((p) => p.root.replace(/^\/+|\/+$/g, '') + '/')
const rel = (f: string) => path.relative(dist, f).split(path.sep).join('/')
const all = jsFiles(dist)
const main = all.filter((f) => !subRoots.some((r) => rel(f).startsWith(r)))
const inMain = schemasIn(main)

describe('main package (dist/weapp)', () => {
  it('ships the schemas of what home, join and me call (the scan recognises contract entries)', () => {
    for (const name of ['me.profile', 'join.submit', 'code.resolve', 'directory.card', 'report.submit']) {
      expect(inMain).toContain(name)
    }
  })

  it('ships no feature schema: each lives in the subpackage that calls it', () => {
    const stray = [...inMain].filter((n) => !allowedInMain.has(n)).sort()
    expect(stray).toEqual([])
  })

  it.each([
    ['features/activities/', 'activity.publish'],
    ['features/market/', 'market.redeem'],
    ['features/errands/', 'errand.post'],
    ['features/points/', 'points.award'],
    ['features/admin/', 'org.import'],
    ['features/admin/', 'order.configure'],
  ])('%s ships %s', (root, name) => {
    expect(schemasIn(all.filter((f) => rel(f).startsWith(root)))).toContain(name)
  })

  it('knows every action of the contract', () => {
    for (const name of allowedInMain) expect(Object.keys(apiActions)).toContain(name)
  })
})
