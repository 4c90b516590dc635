#!/usr/bin/env node
// `npm run new:feature -- <name>`: the skeleton of a feature in the project's one shape
// (docs/adding-a-feature.md): core contract + declaration + rule, the store and the route, the
// subpackage with one page, and a passing test in each layer (core, functions, ui). It registers
// the feature in the four lists that name every feature (src/core/api.ts, src/core/features.ts,
// cloudfunctions/api/src/index.ts, src/app.config.ts), declares its collection in its own
// cloudfunctions/collections/<name>.json and regenerates cloudfunctions/collections.json from the
// declarations (config/collections.cjs). Nothing else in the tree is touched.
//
//   npm run new:feature -- notices          # writes the files
//   npm run new:feature -- notices --dry-run # lists what it would write and change
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const dry = args.includes('--dry-run')
const name = args.find((a) => !a.startsWith('--'))

if (!name || !/^[a-z][a-z0-9]{2,20}$/.test(name)) {
  console.error(
    'usage: npm run new:feature -- <name> [--dry-run]   (name: lower-case letters/digits, 3–21, e.g. notices)',
  )
  process.exit(2)
}
if (existsSync(join(root, 'src', 'core', name)) || existsSync(join(root, 'src', 'features', name))) {
  console.error(`new:feature: src/core/${name} or src/features/${name} exists already`)
  process.exit(2)
}

const Name = name[0].toUpperCase() + name.slice(1)
const CODE = name.toUpperCase()
const collection = name

// ── The feature's own files ──

const files = {
  [`src/core/${name}/api.ts`]: `import * as v from 'valibot'
import { defineAction } from '../contract/define'

/** One ${name} item as the list shows it. */
export interface ${Name}Item {
  readonly id: string
  readonly title: string
  readonly createdAt: string
}

export interface ${Name}Page {
  readonly items: readonly ${Name}Item[]
  /** Pass back to get the next page; null on the last one. */
  readonly cursor: string | null
}

export const ${name}Actions = {
  /** The newest ${name} items of my community, 20 a page. */
  '${name}.list': defineAction<${Name}Page>()(
    v.strictObject({ cursor: v.optional(v.pipe(v.string(), v.maxLength(200))) }),
  ),
}
`,
  [`src/core/${name}/errors.ts`]: `export const ${Name}Errors = {
  /** The caller lives in no household, so there is no community to list. */
  NO_HOUSEHOLD: '${CODE}.NO_HOUSEHOLD',
} as const
`,
  [`src/core/${name}/rules.ts`]: `/**
 * The pure rules of ${name}: they take what was loaded and the caller, and decide (the store
 * and the route only load, save and send).
 */
import { homeCommunity } from '../access'
import { DomainError } from '../errors'
import type { Actor } from '../roles'
import { ${Name}Errors } from './errors'

/** The community whose ${name} the caller sees: where they live. */
export function communityFor(actor: Actor): string {
  const communityId = homeCommunity(actor)
  if (!communityId) throw new DomainError(${Name}Errors.NO_HOUSEHOLD, '请先加入网格')
  return communityId
}
`,
  [`src/core/${name}/feature.ts`]: `import { defineFeature } from '../feature'

/** ${Name}: who may call its actions, what the kit audits, and its error copy. */
export const ${name}Feature = defineFeature({
  name: '${name}',
  permissions: {
    '${name}.list': ['resident'],
  },
  copy: {
    '${CODE}.NO_HOUSEHOLD': '请先加入网格',
  },
})
`,
  [`cloudfunctions/shared/repos/${name}.ts`]: `/** The ${name} store: it only talks to the SDK (rules are in src/core/${name}). */
import type { ${Name}Page } from '../../../src/core/${name}/api'
import { db } from '../sdk'
import { afterTimeCursor, timeCursor } from './paging'

export const ${Name.toUpperCase()} = '${collection}'
const PAGE = 20

interface ${Name}Record {
  readonly _id: string
  readonly communityId: string
  readonly title: string
  readonly createdAt: Date
}

/** One page of a community's items, newest first (index \`community_created\`). */
export async function list(communityId: string, cursor?: string): Promise<${Name}Page> {
  const _ = db().command
  const res = await db()
    .collection(${Name.toUpperCase()})
    .where(_.and([{ communityId }, afterTimeCursor(cursor, 'createdAt', 'desc')]))
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(PAGE + 1)
    .get()
  const docs = res.data as ${Name}Record[]
  const page = docs.slice(0, PAGE)
  const last = page[page.length - 1]
  return {
    items: page.map((d) => ({ id: d._id, title: d.title, createdAt: new Date(d.createdAt).toISOString() })),
    cursor: docs.length > PAGE && last ? timeCursor(last.createdAt, last._id) : null,
  }
}
`,
  [`cloudfunctions/collections/${name}.json`]: `${JSON.stringify(
    {
      owner: name,
      comment: `${Name}: what the feature stores (indexes serve repos/${name}.ts queries).`,
      collections: [
        {
          name: collection,
          rule: { read: false, write: false },
          indexes: [
            {
              name: 'community_created',
              keys: [
                { field: 'communityId', direction: 1 },
                { field: 'createdAt', direction: -1 },
              ],
              unique: false,
            },
          ],
        },
      ],
    },
    null,
    2,
  )}\n`,
  [`cloudfunctions/api/src/routes/${name}.ts`]: `import type { ${name}Actions } from '../../../../src/core/${name}/api'
import { communityFor } from '../../../../src/core/${name}/rules'
import { defineServerFeature } from '../../../shared/feature'
import type { RoutesFor } from '../../../shared/kit'
import * as store from '../../../shared/repos/${name}'

const routes: RoutesFor<typeof ${name}Actions> = {
  '${name}.list': (input, ctx) => store.list(communityFor(ctx.actor), input.cursor),
}

/**
 * The feature's server side. When it stores something about a person, add its privacy
 * contribution here (\`privacy\`: what me.data shows and what me.delete does; see
 * cloudfunctions/shared/privacy.ts and docs/adding-a-feature.md).
 */
export const ${name}Server = defineServerFeature({ name: '${name}', routes })
`,
  [`src/features/${name}/api.ts`]: `import { ${name}Actions } from '@core/${name}/api'
import { apiClient } from '../../services/cloud'

/** The ${name} subpackage's client: its schemas ship here, not in the main package (docs/adr/0002). */
export const callApi = apiClient(${name}Actions)
`,
  [`src/features/${name}/pages/index/index.config.ts`]: `export default definePageConfig({ navigationBarTitleText: '${Name}', enablePullDownRefresh: true })
`,
  [`src/features/${name}/pages/index/index.tsx`]: `import { Text, View } from '@tarojs/components'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { shortTime } from '@core/china-time'
import { callApi } from '../../api'

/** ${Name}: my community's newest items. */
export default function ${Name}Page() {
  const { items, cursor, error, more, reload } = usePages('${name}', (c) =>
    callApi('${name}.list', c ? { cursor: c } : {}),
  )
  usePullRefresh(reload)
  return (
    <Page label="${Name}">
      <Notice text={error} />
      <PagedList
        label="${Name}"
        items={items}
        cursor={cursor}
        empty="暂无内容"
        onMore={more}
        keyOf={(i) => i.id}
        render={(i) => (
          <View className="card">
            <Text className="t-body">{i.title}</Text>
            <Text className="t-muted">{shortTime(i.createdAt)}</Text>
          </View>
        )}
      />
    </Page>
  )
}
`,
  [`test/core/${name}.test.ts`]: `import { communityFor } from '../../src/core/${name}/rules'
import { actorWith, scopeOf } from '../support/builders'

describe('${name}: whose community', () => {
  it('is where the caller lives', () => {
    expect(communityFor(actorWith('resident'))).toBe(scopeOf.resident.communityId)
  })
  it.each(['grid_worker', 'community_admin', null] as const)('refuses %s, who lives nowhere', (role) => {
    expect(() => communityFor(actorWith(role))).toThrow(expect.objectContaining({ code: '${CODE}.NO_HOUSEHOLD' }))
  })
})
`,
  [`test/functions/${name}.test.ts`]: `import { useApi } from '../support/api-test'
import { WANG, XINHUA_01_WORKER as WORKER } from '../support/demo-people'

const { call, db } = useApi()

describe('${name}.list through the built api function', () => {
  it('lists my community, newest first, page by page', async () => {
    const base = Date.parse('2026-11-01T00:00:00Z')
    for (let i = 0; i < 25; i += 1) {
      await db()
        .collection('${collection}')
        .add({ communityId: 'cm-xinhua', title: \`第\${i}条\`, createdAt: new Date(base + i * 60_000) })
    }
    await db().collection('${collection}').add({ communityId: 'cm-dongshan', title: '别的社区', createdAt: new Date(base) })
    const first = await call(WANG, '${name}.list')
    expect(first.ok).toBe(true)
    expect(first.data.items).toHaveLength(20)
    expect(first.data.items[0].title).toBe('第24条')
    const second = await call(WANG, '${name}.list', { cursor: first.data.cursor })
    expect(second.data.items.map((i: { title: string }) => i.title)).toEqual(['第4条', '第3条', '第2条', '第1条', '第0条'])
    expect(second.data.cursor).toBeNull()
  })

  it('refuses staff without a household, and bad input, with clear codes', async () => {
    expect((await call(WORKER, '${name}.list')).error?.code).toBe('AUTH.FORBIDDEN')
    expect((await call(WANG, '${name}.list', { cursor: 5 })).error?.code).toBe('INPUT.INVALID')
  })
})
`,
  [`test/ui/${name}.test.tsx`]: `import { act, render, screen } from '@testing-library/react'
import ${Name}Page from '../../src/features/${name}/pages/index/index'
import { resetTaroMock } from '../support/taro-mock'
import { api, fail } from '../support/ui-script'

beforeEach(() => resetTaroMock())

describe('${Name} page', () => {
  it('shows the items it loaded', async () => {
    api({ '${name}.list': { items: [{ id: 'a', title: '第一条', createdAt: '2026-11-01T00:00:00.000Z' }], cursor: null } })
    await act(async () => {
      render(<${Name}Page />)
    })
    expect(screen.getByText('第一条')).toBeTruthy()
  })

  it('says why when the load fails', async () => {
    api({ '${name}.list': fail('${CODE}.NO_HOUSEHOLD') })
    await act(async () => {
      render(<${Name}Page />)
    })
    expect(screen.getByText('请先加入网格')).toBeTruthy()
  })
})
`,
}

// ── The four lists that name every feature, and the collection ──

function insertAfterLast(text, pattern, line, file) {
  const lines = text.split('\n')
  let at = -1
  lines.forEach((l, i) => {
    if (pattern.test(l)) at = i
  })
  if (at < 0) throw new Error(`new:feature: no anchor ${pattern} in ${file}`)
  lines.splice(at + 1, 0, line)
  return lines.join('\n')
}

/** Inserts `line` just before the line closing the block that starts at `opener`. */
function insertInBlock(text, opener, line, file) {
  const start = text.indexOf(opener)
  if (start < 0) throw new Error(`new:feature: no ${opener} in ${file}`)
  const close = text.indexOf('\n}', start)
  const closeArr = text.indexOf('\n]', start)
  const end = [close, closeArr].filter((i) => i > 0).sort((a, b) => a - b)[0]
  return `${text.slice(0, end)}\n${line}${text.slice(end)}`
}

const edits = {
  'src/core/api.ts': (t) =>
    insertInBlock(
      insertAfterLast(
        t,
        /^import .* from '\.\/.*\/(api|config-api)'$/,
        `import { ${name}Actions } from './${name}/api'`,
        'api.ts',
      ),
      'export const apiActions = {',
      `  ...${name}Actions,`,
      'api.ts',
    ),
  'src/core/features.ts': (t) =>
    insertInBlock(
      insertAfterLast(
        t,
        /^import .* from '\.\/.*\/feature'$/,
        `import { ${name}Feature } from './${name}/feature'`,
        'features.ts',
      ),
      'export const features: readonly CoreFeature[] = [',
      `  ${name}Feature,`,
      'features.ts',
    ),
  'cloudfunctions/api/src/index.ts': (t) =>
    insertInBlock(
      insertAfterLast(
        t,
        /^import .* from '\.\/routes\/.*'$/,
        `import { ${name}Server } from './routes/${name}'`,
        'index.ts',
      ),
      'const features = [',
      `  ${name}Server,`,
      'index.ts',
    ),
  'src/app.config.ts': (t) => {
    const anchor = '  subPackages: ['
    if (!t.includes(anchor)) throw new Error('new:feature: no subPackages in app.config.ts')
    return t.replace(
      anchor,
      `${anchor}\n    { root: 'features/${name}', name: '${name}', pages: ['pages/index/index'] },`,
    )
  },
}

// Every registry edit is tried in memory first: a list that lost its anchor fails here, before any write.
const edited = Object.fromEntries(
  Object.entries(edits).map(([file, edit]) => [file, edit(readFileSync(join(root, file), 'utf8'))]),
)

if (dry) {
  console.log(`new:feature ${name} would write:`)
  for (const f of Object.keys(files)) console.log(`  + ${f}`)
  console.log('and register it in:')
  for (const f of Object.keys(edits)) console.log(`  ~ ${f}`)
  process.exit(0)
}

for (const [file, text] of Object.entries(files)) {
  const path = join(root, file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}
for (const [file, text] of Object.entries(edited)) writeFileSync(join(root, file), text)
// cloudfunctions/collections.json is generated from every owner's declaration, the new one included.
execFileSync(process.execPath, [join(root, 'config', 'collections.cjs'), '--write'], {
  cwd: root,
  stdio: 'inherit',
})
execFileSync(
  join(root, 'node_modules', '.bin', 'prettier'),
  ['--write', '--log-level=warn', ...Object.keys(files), ...Object.keys(edits)],
  {
    cwd: root,
    stdio: 'inherit',
  },
)
console.log(
  `new:feature ${name}: ${Object.keys(files).length} files written, registered in ${Object.keys(edits).length} shared files.`,
)
console.log('Next: read docs/adding-a-feature.md. Add the new row to the hand-written table in')
console.log(`  test/core/permissions.test.ts ('${name}.list': 'R') — it fails until you do, on purpose.`)
console.log('Then run the three tests:')
console.log(`  npx jest -c config/jest.config.js --selectProjects core ui --testPathPattern ${name}`)
console.log(
  `  npm run build:functions && npx jest -c config/jest.config.js --selectProjects functions --testPathPattern ${name}`,
)
