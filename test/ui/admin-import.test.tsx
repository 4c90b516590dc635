import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { Profile } from '../../src/core/me/api'
import ImportPage from '../../src/features/admin/pages/import/index'
import { useTransport } from '../../src/services/cloud'
import { resetTaroMock, router } from '../support/taro-mock'

const admin: Profile = {
  userId: 'user-xinhua-admin',
  displayName: '社区管理员',
  roles: [{ role: 'community_admin', scope: { streetId: 'st', communityId: 'cm-xinhua' } }],
  household: null,
  created: false,
}

let calls: { action: string; input: unknown }[] = []
function answer(byAction: Record<string, unknown>) {
  calls = []
  useTransport(async (_name, data) => {
    const { action, input } = data as { action: string; input: unknown }
    calls.push({ action, input })
    return byAction[action]
  })
}

beforeEach(() => {
  resetTaroMock()
  router.params = { communityId: 'cm-xinhua', communityName: encodeURIComponent('新华社区') }
})

/** Taro's H5 Textarea renders a native textarea inside its element once mounted. */
const typeCsv = async (container: HTMLElement, text: string) => {
  const box = await waitFor(() => {
    const el = container.querySelector('textarea[aria-label="粘贴 CSV 内容"]')
    if (!el) throw new Error('no textarea yet')
    return el
  })
  fireEvent.input(box, { target: { value: text } })
}

describe('import page', () => {
  it('documents the columns with an example, and shows every bad line in a list read out as an alert', async () => {
    answer({
      'me.profile': { ok: true, data: admin },
      'org.children': { ok: true, data: [{ id: 'gr-xinhua-01', name: '新华社区第1网格', level: 'grid' }] },
      'org.import': {
        ok: false,
        error: {
          code: 'ORG.IMPORT_INVALID',
          message: '有 2 行有误，未导入任何楼栋',
          details: [
            { path: 'line 3', message: '本社区没有网格“第9网格”' },
            { path: 'line 5', message: '单元数须为 1–20 的整数' },
          ],
        },
      },
    })
    const { container } = render(<ImportPage />)
    await screen.findByText('导入到：新华社区')
    // The template names the community's own first grid, so pasting it as it is imports.
    expect(
      await screen.findByText(/网格,楼栋,单元数\s+新华社区第1网格,13号楼,2\s+新华社区第1网格,14号楼,3/),
    ).toBeTruthy()
    expect(calls.find((c) => c.action === 'org.children')?.input).toEqual({
      level: 'grid',
      parentId: 'cm-xinhua',
    })
    expect(screen.getByText('复制模板')).toBeTruthy()

    const csv = '网格,楼栋,单元数\n第1网格,13号楼,2\n第9网格,14号楼,2\n'
    await typeCsv(container, csv)
    await act(async () => {
      fireEvent.click(screen.getByText('开始导入'))
    })
    expect(calls.find((c) => c.action === 'org.import')?.input).toEqual({ communityId: 'cm-xinhua', csv })

    const list = await screen.findByLabelText('错误列表')
    expect(list.getAttribute('aria-role') ?? list.getAttribute('role')).toBe('list')
    const items = within(list).getAllByText(/第 \d 行/)
    expect(items.map((i) => i.textContent)).toEqual([
      '第 3 行：本社区没有网格“第9网格”',
      '第 5 行：单元数须为 1–20 的整数',
    ])
    expect(
      screen.getByText('表格中有错误，未导入任何楼栋，请按提示修改后重新导入').closest('[aria-role="alert"]'),
    ).toBeTruthy()
    expect(screen.queryByText('导入成功')).toBeNull()
  })

  it('reports the counts of a good import and clears the errors', async () => {
    answer({
      'me.profile': { ok: true, data: admin },
      'org.import': { ok: true, data: { importId: 'imp-1', buildings: 2, units: 5 } },
    })
    const { container } = render(<ImportPage />)
    await screen.findByText('导入到：新华社区')
    await typeCsv(container, '网格,楼栋,单元数\n第1网格,13号楼,2\n第1网格,14号楼,3\n')
    await act(async () => {
      fireEvent.click(screen.getByText('开始导入'))
    })
    await screen.findByText('导入成功')
    expect(screen.getByText(/已导入 2 栋楼、5 个单元/)).toBeTruthy()
    expect(screen.queryByLabelText('错误列表')).toBeNull()
  })

  it('offers the communities the admin manages when opened without one', async () => {
    router.params = {}
    answer({
      'me.profile': {
        ok: true,
        data: { ...admin, roles: [{ role: 'street_admin', scope: { streetId: 'st' } }] },
      },
      'org.children': {
        ok: true,
        data: [
          { level: 'community', id: 'cm-a', name: '甲社区', joinPolicy: 'auto' },
          { level: 'community', id: 'cm-b', name: '乙社区', joinPolicy: 'auto' },
        ],
      },
    })
    render(<ImportPage />)
    fireEvent.click(await screen.findByText('乙社区'))
    await screen.findByText('导入到：乙社区')
    expect(calls.find((c) => c.action === 'org.children')?.input).toEqual({
      level: 'community',
      parentId: 'st',
    })
  })
})
