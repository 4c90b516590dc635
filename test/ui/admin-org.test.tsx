import { render, screen, waitFor } from '@testing-library/react'
import type { OrgItem } from '../../src/core/admin/api'
import OrgPage from '../../src/features/admin/pages/org/index'
import { errorCopy } from '../../src/services/error-copy'
import { navigateTo, resetTaroMock, showToast } from '../support/taro-mock'
import { api, button, fail, inputs, tap, type } from '../support/ui-script'

// 网格管理 against a scripted `api`: each place is one WeUI panel, its name over a menu of cells.

const admin = {
  userId: 'user-xinhua-admin',
  displayName: '新华社区管理员',
  roles: [{ role: 'community_admin', scope: { streetId: 'st-east', communityId: 'cm-xinhua' } }],
  household: null,
  created: false,
}
const xinhua: OrgItem = { level: 'community', id: 'cm-xinhua', name: '新华社区', joinPolicy: 'grid_worker' }

beforeEach(() => resetTaroMock())

/** The rows of a place's menu, by their visible text, and whether each ends in a chevron. */
const menuOf = (place: string) =>
  [...(screen.getByLabelText(place).querySelectorAll('[aria-role="button"]') as NodeListOf<HTMLElement>)].map(
    (row) =>
      `${row.querySelector('.nut-cell-title')?.textContent ?? ''}${row.textContent?.endsWith('›') ? ' ›' : ''}`,
  )

describe('网格管理', () => {
  it('shows a community’s actions as cells with chevrons, each row one tap', async () => {
    api({ 'me.profile': admin, 'org.children': [xinhua] })
    render(<OrgPage />)
    await screen.findByText('入格审核：网格员审核')
    // (Communities are the street's to rename.)
    expect(menuOf('社区：新华社区')).toEqual([
      '进入 ›',
      '审核方式 ›',
      '导入楼栋 ›',
      '工单类别与时限 ›',
      '爱心超市 ›',
      '社区基金 ›',
      '积分管理 ›',
    ])
    // No wrap of bordered buttons left in the place's panel.
    expect(screen.getByLabelText('社区：新华社区').querySelectorAll('taro-button-core')).toHaveLength(0)
    await tap(screen.getByLabelText('向新华社区批量导入楼栋'))
    expect(navigateTo).toHaveBeenLastCalledWith({
      url: '/features/admin/pages/import/index?communityId=cm-xinhua&communityName=%E6%96%B0%E5%8D%8E%E7%A4%BE%E5%8C%BA',
    })
  })

  it('renames a grid in its panel: the confirmation is a toast, a refusal stays on the page', async () => {
    const grid = (name: string): OrgItem => ({
      level: 'grid',
      id: 'gr-xinhua-01',
      name,
      boundary: null,
      workers: ['刘建国'],
      police: null,
      doctor: null,
    })
    const children = (name: string) => (input: Record<string, unknown>) =>
      input.level === 'community' ? [xinhua] : [grid(name)]
    api({ 'me.profile': admin, 'org.children': children('第1网格'), 'org.rename': fail('ORG.NAME_TAKEN') })
    render(<OrgPage />)
    await tap(await screen.findByLabelText('进入新华社区'))
    await screen.findByLabelText('网格：第1网格')
    expect(menuOf('网格：第1网格')).toEqual(['进入 ›', '改名 ›', '边界 ›', '人员 ›', '二维码 ›'])
    await tap(screen.getByLabelText('给第1网格改名'))
    await type('新名称', '新华社区第1网格')
    await tap(button('保存'))
    await screen.findByText(errorCopy('ORG.NAME_TAKEN'))
    expect(showToast).not.toHaveBeenCalled()

    api({ 'org.children': children('新华社区第1网格'), 'org.rename': null })
    await tap(button('保存'))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已改名为“新华社区第1网格”', icon: 'none' }),
    )
    expect(inputs('org.rename')).toEqual([{ level: 'grid', id: 'gr-xinhua-01', name: '新华社区第1网格' }])
    expect(await screen.findByLabelText('网格：新华社区第1网格')).toBeTruthy()
    expect(screen.queryByText(errorCopy('ORG.NAME_TAKEN'))).toBeNull()
  })

  it('gives the street admin one primary action (新建): saving the street is a plain button, its confirmation a toast', async () => {
    const streetAdmin = {
      ...admin,
      userId: 'user-street-admin',
      displayName: '东城街道管理员',
      roles: [{ role: 'street_admin', scope: { streetId: 'st-east' } }],
    }
    api({
      'me.profile': streetAdmin,
      'org.children': [xinhua],
      'join.options': [{ id: 'st-east', name: '东城街道' }],
      'org.street': fail('ORG.NAME_TAKEN'),
    })
    render(<OrgPage />)
    await screen.findByDisplayValue('东城街道')
    await waitFor(() => expect(button('保存街道信息').getAttribute('disabled')).toBeNull())
    expect(document.querySelectorAll('.nut-button-primary')).toHaveLength(1)
    expect(button('新建').className).toContain('nut-button-primary')
    expect(button('保存街道信息').className).not.toContain('nut-button-primary')

    await type('所属区县（选填，不填则不变）', '迎泽区')
    await tap(button('保存街道信息'))
    await screen.findByText(errorCopy('ORG.NAME_TAKEN'))
    expect(showToast).not.toHaveBeenCalled()

    api({ 'org.street': { id: 'st-east', name: '东城街道', district: '迎泽区' } })
    await tap(button('保存街道信息'))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith({ title: '已保存：东城街道（迎泽区）', icon: 'none' }),
    )
    expect(inputs('org.street').at(-1)).toEqual({ id: 'st-east', name: '东城街道', district: '迎泽区' })
    expect(screen.queryByText(errorCopy('ORG.NAME_TAKEN'))).toBeNull()
  })
})
