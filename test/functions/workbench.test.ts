import { useApi } from '../support/api-test'
import { WANG, XINHUA_01_WORKER as WORKER } from '../support/demo-people'

const { call, db } = useApi()

describe('workbench.list through the built api function', () => {
  it('lists my community, newest first, page by page', async () => {
    const base = Date.parse('2026-11-01T00:00:00Z')
    for (let i = 0; i < 25; i += 1) {
      await db()
        .collection('workbench')
        .add({ communityId: 'cm-xinhua', title: `第${i}条`, createdAt: new Date(base + i * 60_000) })
    }
    await db()
      .collection('workbench')
      .add({ communityId: 'cm-dongshan', title: '别的社区', createdAt: new Date(base) })
    const first = await call(WANG, 'workbench.list')
    expect(first.ok).toBe(true)
    expect(first.data.items).toHaveLength(20)
    expect(first.data.items[0].title).toBe('第24条')
    const second = await call(WANG, 'workbench.list', { cursor: first.data.cursor })
    expect(second.data.items.map((i: { title: string }) => i.title)).toEqual([
      '第4条',
      '第3条',
      '第2条',
      '第1条',
      '第0条',
    ])
    expect(second.data.cursor).toBeNull()
  })

  it('refuses staff without a household, and bad input, with clear codes', async () => {
    expect((await call(WORKER, 'workbench.list')).error?.code).toBe('AUTH.FORBIDDEN')
    expect((await call(WANG, 'workbench.list', { cursor: 5 })).error?.code).toBe('INPUT.INVALID')
  })
})
