/**
 * The service guide (办事指南) through the built `api` function in the local CloudBase: the street's
 * catalogue merged with a community's own entries (same code: the community's wins), search,
 * paging, who edits which, and bad input stored nowhere.
 */
import { codeOf, ok, useApi } from '../support/api-test'
import { DONGSHAN_ADMIN, STREET_ADMIN, WANG, XINHUA_01_WORKER, XINHUA_ADMIN } from '../support/demo-people'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const { call, count } = useApi()

const fields = (over: Record<string, unknown> = {}) => ({
  title: '居住证办理',
  category: '户籍证件',
  materials: ['居民身份证', '一寸照片2张'],
  hall: {
    name: '新华社区党群服务中心',
    address: '新华街12号',
    hours: '周一至周五 9:00–17:00',
    latitude: 37.87,
    longitude: 112.56,
  },
  phone: '0351-5552101',
  duration: '10个工作日',
  appointment: true,
  ...over,
})

describe('the merged view', () => {
  it('新华 residents see 新华’s own 老年优待证 in place of the street’s; 东山 sees the street’s', async () => {
    const xinhua = ok(await call(WANG, 'guide.list', {}))
    expect(xinhua.communityId).toBe('cm-xinhua')
    const codes = xinhua.items.map((e: Any) => e.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(xinhua.items.find((e: Any) => e.code === 'laonian-youdai')).toMatchObject({
      source: 'community',
      hallName: '新华社区党群服务中心',
    })
    const detail = ok(await call(WANG, 'guide.get', { code: 'laonian-youdai' }))
    expect(detail).toMatchObject({ source: 'community', streetHasIt: true, phone: '0351-5552101' })
    expect(detail.hall).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number) })
    const dongshan = ok(await call(WANG, 'guide.get', { communityId: 'cm-dongshan', code: 'laonian-youdai' }))
    expect(dongshan).toMatchObject({ source: 'street', hall: { name: '东街道便民服务中心' } })
    expect(xinhua.can).toEqual({ editCommunity: false, editStreet: false })
  })

  it('search by title, category or material; every word must match', async () => {
    const byMaterial = ok(await call(WANG, 'guide.list', { q: '残疾评定表' }))
    expect(byMaterial.items.map((e: Any) => e.code)).toEqual(['canji-zheng'])
    const byTitle = ok(await call(WANG, 'guide.list', { q: '低保' }))
    expect(byTitle.items.map((e: Any) => e.code)).toEqual(['dibao'])
    expect(ok(await call(WANG, 'guide.list', { q: '低保 照片' })).items).toEqual([])
    expect(ok(await call(WANG, 'guide.list', { q: '养老服务' })).items.length).toBe(2)
  })

  it('a community entry overrides, its removal restores the street’s; the street’s edit reaches every community', async () => {
    const saved = ok(
      await call(XINHUA_ADMIN, 'guide.save', {
        level: 'community',
        communityId: 'cm-xinhua',
        code: 'juzhuzheng',
        fields: fields(),
      }),
    )
    expect(saved).toMatchObject({ source: 'community', duration: '10个工作日', streetHasIt: true })
    // Saving again changes the entry, never doubles it.
    ok(
      await call(XINHUA_ADMIN, 'guide.save', {
        level: 'community',
        communityId: 'cm-xinhua',
        code: 'juzhuzheng',
        fields: fields({ duration: '7个工作日' }),
      }),
    )
    expect(await count('guide_entries', { placeId: 'cm-xinhua', code: 'juzhuzheng' })).toBe(1)
    expect(ok(await call(WANG, 'guide.get', { code: 'juzhuzheng' })).duration).toBe('7个工作日')
    expect(
      ok(
        await call(XINHUA_ADMIN, 'guide.remove', {
          level: 'community',
          communityId: 'cm-xinhua',
          code: 'juzhuzheng',
        }),
      ),
    ).toEqual({ removed: true })
    expect(ok(await call(WANG, 'guide.get', { code: 'juzhuzheng' })).source).toBe('street')

    ok(
      await call(STREET_ADMIN, 'guide.save', {
        level: 'street',
        communityId: 'cm-dongshan',
        code: 'tuiyi-youdai',
        fields: fields({ title: '退役军人优待证', category: '优抚安置' }),
      }),
    )
    expect(ok(await call(WANG, 'guide.get', { code: 'tuiyi-youdai' }))).toMatchObject({
      source: 'street',
      title: '退役军人优待证',
    })
  })
})

describe('who edits what; bad input', () => {
  it.each([
    ['a community admin, the street’s catalogue', XINHUA_ADMIN, 'street', 'cm-xinhua'],
    ['a community admin, another community', DONGSHAN_ADMIN, 'community', 'cm-xinhua'],
    ['a grid worker', XINHUA_01_WORKER, 'community', 'cm-xinhua'],
    ['a resident', WANG, 'community', 'cm-xinhua'],
  ])('%s → AUTH.FORBIDDEN, nothing stored', async (_what, openid, level, communityId) => {
    const before = await count('guide_entries', {})
    expect(
      codeOf(await call(openid, 'guide.save', { level, communityId, code: 'new-thing', fields: fields() })),
    ).toBe('AUTH.FORBIDDEN')
    expect(await count('guide_entries', {})).toBe(before)
  })

  it.each([
    ['no title', { title: ' ' }, 'GUIDE.BAD_FIELDS'],
    ['a bad phone', { phone: 'call me' }, 'GUIDE.BAD_FIELDS'],
    [
      '21 materials',
      { materials: Array.from({ length: 21 }, (_, i) => `材料${i}`) },
      'GUIDE.TOO_MANY_MATERIALS',
    ],
    ['no map point', { hall: { ...fields().hall, latitude: 0, longitude: 0 } }, 'GUIDE.BAD_LOCATION'],
    ['a risky text', { notes: '欢迎访问赌博网站' }, 'CONTENT.RISKY'],
  ])('%s → %s', async (_what, over, code) => {
    const before = await count('guide_entries', {})
    expect(
      codeOf(
        await call(XINHUA_ADMIN, 'guide.save', {
          level: 'community',
          communityId: 'cm-xinhua',
          code: 'bad-input',
          fields: fields(over),
        }),
      ),
    ).toBe(code)
    expect(await count('guide_entries', {})).toBe(before)
  })

  it('a bad code → GUIDE.BAD_CODE', async () => {
    expect(
      codeOf(
        await call(XINHUA_ADMIN, 'guide.save', {
          level: 'community',
          communityId: 'cm-xinhua',
          code: '居住证',
          fields: fields(),
        }),
      ),
    ).toBe('GUIDE.BAD_CODE')
  })
})
