import { render, screen } from '@testing-library/react'
import type { ComponentType } from 'react'
import type { Profile } from '../../src/core/me/api'
import ManagePage from '../../src/features/activities/pages/manage/index'
import PublishPage from '../../src/features/activities/pages/publish/index'
import CodesPage from '../../src/features/admin/pages/codes/index'
import ImportPage from '../../src/features/admin/pages/import/index'
import OrderConfigPage from '../../src/features/admin/pages/order-config/index'
import OrgPage from '../../src/features/admin/pages/org/index'
import StaffPage from '../../src/features/admin/pages/staff/index'
import QueuePage from '../../src/features/reports/pages/queue/index'
import Taro, { resetTaroMock, router } from '../support/taro-mock'
import { householdSummary } from '../support/ui-fixtures'
import { useTransport } from '../../src/services/cloud'

// A resident who opens a staff page's address (a shared link, a typed URL) gets a plain page that
// says so, not the staff screen with 您没有权限进行此操作 in its middle.

const switchTab = jest.fn(async (_o: { url: string }) => ({ errMsg: 'switchTab:ok' }))
Object.assign(Taro, { switchTab })

const resident: Profile = {
  userId: 'u1',
  displayName: '王秀英',
  roles: [],
  household: householdSummary(),
  created: false,
}

beforeEach(() => {
  resetTaroMock()
  router.params = { communityId: 'cm', activityId: 'ac_1', scopeId: 'gr', gridId: 'gr' }
  // Every staff action is refused, as the function would.
  useTransport(async (_name, data) => {
    const { action } = data as { action: string }
    return action === 'me.profile'
      ? { ok: true, data: resident }
      : { ok: false, error: { code: 'AUTH.FORBIDDEN', message: 'forbidden' } }
  })
})

const pages: [string, ComponentType][] = [
  ['活动管理', ManagePage],
  ['发布活动', PublishPage],
  ['楼栋二维码', CodesPage],
  ['批量导入楼栋', ImportPage],
  ['工单类别与时限', OrderConfigPage],
  ['网格管理', OrgPage],
  ['人员与角色', StaffPage],
  ['工单督办', QueuePage],
]

it.each(pages)('%s: a resident sees 此页面仅供工作人员使用', async (_label, Page) => {
  render(<Page />)
  await screen.findByText('此页面仅供工作人员使用')
  expect(screen.queryByText('您没有权限进行此操作')).toBeNull()
  expect(document.body.textContent).not.toMatch(/没有权限/)
  const home = screen.getByText('返回首页')
  home.click()
  expect(switchTab).toHaveBeenLastCalledWith({ url: '/pages/home/index' })
})
