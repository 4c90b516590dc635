import { render, screen } from '@testing-library/react'
import { chinaDay } from '../../src/core/china-time'
import ExportsPage from '../../src/features/exports/pages/index/index'
import { resetTaroMock } from '../support/taro-mock'
import { api, button, buttons, calls, inputs, tap } from '../support/ui-script'

// 数据导出 against a scripted `api`: what, when and where are chosen, one primary button makes the
// file, the same button then opens it; the scope offered follows the caller's grants.

beforeEach(() => resetTaroMock())

const profile = (roles: unknown[]) => ({
  userId: 'u_me',
  displayName: '测试用户',
  roles,
  household: null,
  created: false,
})
const COMMUNITY_ADMIN = [
  { role: 'community_admin', scope: { streetId: 'st-dongjie', communityId: 'cm-xinhua' } },
]
const STREET_ADMIN = [{ role: 'street_admin', scope: { streetId: 'st-dongjie' } }]
const WORKER = [
  { role: 'grid_worker', scope: { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-1' } },
]
const COMMUNITIES = [
  { id: 'cm-xinhua', name: '新华社区' },
  { id: 'cm-dongshan', name: '东山社区' },
]
const file = (kind: string, fileName: string, rows: number) => ({
  kind,
  fileID: `cloud://env/exports/${kind}/x/1.xlsx`,
  url: `https://tmp.example/${kind}.xlsx`,
  fileName,
  rows,
  bytes: 2048,
})

const choice = async (text: string) => {
  const el = [...document.querySelectorAll('[aria-role="radio"]')].find((r) => r.textContent === text)
  if (!el) throw new Error(`no choice ${text}`)
  await tap(el)
}

const today = () => chinaDay(new Date())
const monthStart = () => `${today().slice(0, 8)}01`

describe('数据导出 for a community admin', () => {
  it('exports this month’s orders of their community, then opens the file', async () => {
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    api({
      'me.profile': profile(COMMUNITY_ADMIN),
      'join.options': COMMUNITIES,
      'export.community': file('orders', '工单明细-新华社区.xlsx', 12),
    })
    render(<ExportsPage />)
    await screen.findByText('导出范围：新华社区')
    expect(inputs('join.options')).toEqual([{ level: 'community', parentId: 'st-dongjie' }])
    expect(screen.getByText(`${monthStart()} 至 ${today()}`)).toBeTruthy()
    expect(buttons('打开文件')).toHaveLength(0)
    await tap(button('导出 Excel'))
    await screen.findByText('已生成 工单明细-新华社区.xlsx（12 行）')
    expect(inputs('export.community')).toEqual([
      { kind: 'orders', communityId: 'cm-xinhua', from: monthStart(), to: today() },
    ])
    expect(buttons('导出 Excel')).toHaveLength(0)
    await tap(button('打开文件'))
    expect(click).toHaveBeenCalledTimes(1)
    click.mockRestore()
  })

  it('changing what to export asks for a new file; a refusal is said in words', async () => {
    api({
      'me.profile': profile(COMMUNITY_ADMIN),
      'join.options': COMMUNITIES,
      'export.community': (input: Record<string, unknown>) =>
        input.kind === 'ledger'
          ? {
              ok: false,
              error: { code: 'EXPORT.TOO_MANY_ROWS', message: '共 12000 行，超过 5000 行，请缩短时间范围' },
            }
          : file('errands', '邻里互助-新华社区.xlsx', 3),
    })
    render(<ExportsPage />)
    await screen.findByText('导出范围：新华社区')
    await choice('邻里互助')
    await tap(button('导出 Excel'))
    await screen.findByText('已生成 邻里互助-新华社区.xlsx（3 行）')
    await choice('积分流水')
    expect(buttons('打开文件')).toHaveLength(0)
    await tap(button('导出 Excel'))
    await screen.findByText('共 12000 行，超过 5000 行，请缩短时间范围')
    expect(inputs('export.community').map((i) => i.kind)).toEqual(['errands', 'ledger'])
  })
})

describe('数据导出 for a street admin', () => {
  it('offers the whole street or one community of it', async () => {
    api({
      'me.profile': profile(STREET_ADMIN),
      'join.options': COMMUNITIES,
      'export.street': file('league', '网格排行-东街道.xlsx', 36),
      'export.community': file('league', '网格排行-东山社区.xlsx', 6),
    })
    render(<ExportsPage />)
    await screen.findByText('东山社区')
    await choice('网格排行')
    expect(screen.getByText('网格排行统计所选时间内收到的工单')).toBeTruthy()
    await tap(button('导出 Excel'))
    await screen.findByText('已生成 网格排行-东街道.xlsx（36 行）')
    expect(inputs('export.street')).toEqual([
      { kind: 'league', streetId: 'st-dongjie', from: monthStart(), to: today() },
    ])
    await choice('东山社区')
    await choice('本季度')
    await tap(button('导出 Excel'))
    await screen.findByText('已生成 网格排行-东山社区.xlsx（6 行）')
    const [sent] = inputs('export.community') as { kind: string; communityId: string; from: string }[]
    expect(sent).toMatchObject({ kind: 'league', communityId: 'cm-dongshan', to: today() })
    expect(sent?.from).toMatch(/^\d{4}-(01|04|07|10)-01$/)
  })
})

it('tells a grid worker plainly that it is for community and street admins', async () => {
  api({ 'me.profile': profile(WORKER) })
  render(<ExportsPage />)
  await screen.findByText('此页面仅供社区和街道管理员使用')
  expect(buttons('导出 Excel')).toHaveLength(0)
  expect(calls.filter((c) => c.action.startsWith('export.'))).toHaveLength(0)
})
