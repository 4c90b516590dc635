import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

// The generator (config/new-feature.mjs) edits the four feature lists at anchors and declares the
// feature's collection in its own file (collections.json is regenerated from the declarations); a
// dry run tries every edit in memory, so a list reshaped without the generator fails here.
const root = join(__dirname, '..', '..')
const run = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, 'config', 'new-feature.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
  })

describe('npm run new:feature', () => {
  it('plans a feature in every layer and finds the anchors of every list it registers in', () => {
    const out = run('widgets', '--dry-run')
    for (const f of [
      'src/core/widgets/api.ts',
      'src/core/widgets/feature.ts',
      'src/core/widgets/rules.ts',
      'cloudfunctions/shared/repos/widgets.ts',
      'cloudfunctions/api/src/routes/widgets.ts',
      'cloudfunctions/collections/widgets.json',
      'src/features/widgets/pages/index/index.tsx',
      'test/core/widgets.test.ts',
      'test/functions/widgets.test.ts',
      'test/ui/widgets.test.tsx',
    ])
      expect(out).toContain(`+ ${f}`)
    for (const f of [
      'src/core/api.ts',
      'src/core/features.ts',
      'cloudfunctions/api/src/index.ts',
      'src/app.config.ts',
    ])
      expect(out).toContain(`~ ${f}`)
    // Four shared lists, no more: collections are declared in the feature's own file.
    expect(out.match(/^ {2}~ /gm)).toHaveLength(4)
  })

  it.each([['Bad'], ['x'], ['orders']])('refuses the name %s', (name) => {
    expect(() => run(name, '--dry-run')).toThrow()
  })
})
