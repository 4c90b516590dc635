// config/validate-weapp.mjs: WeChat's own wcc/wcsc plus page-graph checks on a copy of the real
// build (dist/weapp), broken on purpose to prove each check fails loudly, naming file and line.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { requireWeappBuild } from '../support/weapp-harness'

const repo = path.resolve(__dirname, '..', '..')
const validator = path.join(repo, 'config', 'validate-weapp.mjs')
let tmp: string

function validate(dir: string, ...args: string[]) {
  const res = spawnSync(process.execPath, [validator, '--dir', dir, ...args], { cwd: repo, encoding: 'utf8' })
  return { code: res.status, out: `${res.stdout}\n${res.stderr}` }
}

/** A fresh copy of the build, plus a project.config.json choosing whether the JS level is checked. */
function copyBuild(es6: boolean): { dir: string; project: string } {
  const dir = fs.mkdtempSync(path.join(tmp, 'weapp-'))
  fs.cpSync(requireWeappBuild(), dir, { recursive: true })
  const project = path.join(dir, '..', `${path.basename(dir)}.project.config.json`)
  fs.writeFileSync(project, JSON.stringify({ setting: { es6 } }))
  return { dir, project }
}
const edit = (file: string, f: (s: string) => string) =>
  fs.writeFileSync(file, f(fs.readFileSync(file, 'utf8')))

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-weapp-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe('validate:weapp', () => {
  it('accepts the real build: page graph, WXML (wcc) and WXSS (wcsc)', () => {
    const { dir, project } = copyBuild(true)
    const r = validate(dir, '--project', project)
    expect(r.out).toContain('validate:weapp: ok')
    expect(r.code).toBe(0)
  })

  it('fails on a WXML syntax error, naming file:line', () => {
    const { dir, project } = copyBuild(true)
    edit(path.join(dir, 'pages/home/index.wxml'), (s) => `${s}\n<view>{{ user. }}</view>\n`)
    const r = validate(dir, '--project', project)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/pages\/home\/index\.wxml:3:\d+: wcc: /)
  })

  it('fails on an unclosed tag in the shared base template', () => {
    const { dir, project } = copyBuild(true)
    edit(path.join(dir, 'base.wxml'), (s) =>
      s.replace('<template name="tmpl_0_0">', '<template name="tmpl_0_0"><view>'),
    )
    const r = validate(dir, '--project', project)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/base\.wxml:\d+:\d+: wcc: expect end-tag `view`/)
  })

  it('fails on a WXSS syntax error, naming file:line:col', () => {
    const { dir, project } = copyBuild(true)
    edit(path.join(dir, 'pages/me/index.wxss'), (s) => `${s}\n.me__broken{{color:red}\n`)
    const r = validate(dir, '--project', project)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/pages\/me\/index\.wxss:\d+:\d+: wcsc: /)
  })

  it('fails on a missing @import in WXSS and a missing <import> in WXML', () => {
    const { dir, project } = copyBuild(true)
    edit(path.join(dir, 'pages/me/index.wxss'), (s) => `@import "./gone.wxss";\n${s}`)
    edit(path.join(dir, 'pages/join/index.wxml'), (s) =>
      s.replace('../../base.wxml', '../../missing-base.wxml'),
    )
    const r = validate(dir, '--project', project)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(
      /pages\/join\/index\.wxml:1: <import src="\.\.\/\.\.\/missing-base\.wxml"> not found/,
    )
    expect(r.out).toMatch(/pages\/me\/index\.wxss:1: wcsc: @import "\.\/gone\.wxss" not found/)
  })

  it('fails when a page, a component or a tab icon is missing', () => {
    const { dir, project } = copyBuild(true)
    fs.rmSync(path.join(dir, 'features/points/pages/index/index.js'))
    edit(path.join(dir, 'pages/me/index.json'), (s) =>
      JSON.stringify({ ...JSON.parse(s), usingComponents: { comp: '../../nope' } }),
    )
    fs.rmSync(path.join(dir, 'assets/tab/me-active.png'))
    const r = validate(dir, '--project', project)
    expect(r.code).toBe(1)
    expect(r.out).toContain(
      'features/points/pages/index/index.js: missing (page features/points/pages/index/index',
    )
    expect(r.out).toMatch(/pages\/me\/index\.json: usingComponents "comp": "\.\.\/\.\.\/nope" not found/)
    expect(r.out).toMatch(
      /app\.json: tabBar\.list\[1\]\.selectedIconPath "assets\/tab\/me-active\.png" not found/,
    )
  })

  it('fails on invalid JSON, naming the line', () => {
    const { dir, project } = copyBuild(true)
    fs.writeFileSync(path.join(dir, 'pages/join/index.json'), '{\n  "navigationBarTitleText": "x",\n}\n')
    const r = validate(dir, '--project', project)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/pages\/join\/index\.json:\d+: invalid JSON/)
  })

  it('with es6:false, fails on JS above the target ES level, naming file:line:col', () => {
    const { dir, project } = copyBuild(false)
    edit(
      path.join(dir, 'pages/join/index.js'),
      (s) => `${s}\nvar profile = {}; var n = profile?.name ?? '';\n`,
    )
    const r = validate(dir, '--project', project, '--ecma', '2017')
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/pages\/join\/index\.js:\d+:\d+: not ES2017/)
  })

  it('fails clearly when there is no build', () => {
    const r = validate(path.join(tmp, 'no-such-build'))
    expect(r.code).toBe(2)
    expect(r.out).toContain('run npm run build:weapp first')
  })

  // The real build against the real project.config.json (es6:false → WeChat uploads the JS as is),
  // i.e. exactly what `npm run validate:weapp` checks.
  it('the real build ships JS at the ES level WeChat runs without transpiling (ES2017)', () => {
    requireWeappBuild()
    const r = validate(requireWeappBuild(), '--project', path.join(repo, 'project.config.json'))
    expect(r.out).toContain('validate:weapp: ok')
    expect(r.out).toContain('JS parses as ES2017')
    expect(r.code).toBe(0)
  })
})
