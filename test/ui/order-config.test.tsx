import { render, screen } from '@testing-library/react'
import type { Profile } from '../../src/core/me/api'
import { stateOf, viewOf, type OrderConfigView } from '../../src/core/orders/config'
import OrderConfigPage from '../../src/features/admin/pages/order-config/index'
import { resetTaroMock, router } from '../support/taro-mock'
import { api, calls, tap, type } from '../support/ui-script'

// The 工单类别与时限 page against a scripted `api`: the same rules as the function run before
// saving (per-field errors, nothing sent), the server's per-field details shown at the fields.

const admin: Profile = {
  userId: 'user-xinhua-admin',
  displayName: '社区管理员',
  roles: [{ role: 'community_admin', scope: { streetId: 'st', communityId: 'cm-xinhua' } }],
  household: null,
  created: false,
}
const worker: Profile = {
  ...admin,
  roles: [{ role: 'grid_worker', scope: { streetId: 'st', communityId: 'cm-xinhua', gridId: 'g1' } }],
}
const fresh = (editable = true): OrderConfigView =>
  viewOf({ id: 'cm-xinhua', name: '新华社区' }, stateOf(null), editable, null)

const typeInto = (label: string, value: string) => type(label, value)
const switchOf = (label: string) => {
  const el = document.querySelector(`[aria-label="${label}"]`)
  if (!el) throw new Error(`no switch ${label}`)
  return el
}
const alertTexts = () =>
  [...document.querySelectorAll('[aria-role="alert"], [role="alert"]')].map((e) => e.textContent)

beforeEach(() => {
  resetTaroMock()
  router.params = { communityId: 'cm-xinhua', communityName: encodeURIComponent('新华社区') }
})

describe('order config page', () => {
  it('checks the SLA numbers before saving: per-field errors read out as alerts, nothing sent', async () => {
    api({ 'me.profile': admin, 'order.config': fresh() })
    render(<OrderConfigPage />)
    await screen.findByText('新华社区的问题类别')
    expect(calls.find((c) => c.action === 'order.config')?.input).toEqual({ communityId: 'cm-xinhua' })
    expect(screen.getByText('可重新办理的天数')).toBeTruthy()

    await typeInto('网格接单时限（小时）', '0')
    await typeInto('可重新办理的天数', '')
    await typeInto('安全隐患接单时限（小时）', '6')
    await tap(screen.getByText('保存设置'))

    expect(alertTexts()).toEqual(
      expect.arrayContaining([
        '网格接单时限（小时）应在 1–72 之间',
        '可重新办理的天数请填写数字',
        '有 2 处需要修改，未保存',
      ]),
    )
    // The hazard rule is checked once the numbers themselves are fine.
    await typeInto('网格接单时限（小时）', '4')
    await typeInto('可重新办理的天数', '7')
    await tap(screen.getByText('保存设置'))
    expect(alertTexts()).toContain('安全隐患接单时限不能长于各级接单时限（最短 4 小时）')
    expect(calls.filter((c) => c.action === 'order.configure')).toEqual([])
  })

  it('steppers stay within bounds', async () => {
    api({ 'me.profile': admin, 'order.config': fresh() })
    render(<OrderConfigPage />)
    await screen.findByText('新华社区的问题类别')
    const up = document.querySelector('[aria-label="可重新办理的天数增加 1"]') as Element
    for (let i = 0; i < 30; i += 1) await tap(up)
    await tap(screen.getByText('保存设置'))
    expect(calls.find((c) => c.action === 'order.configure')?.input).toMatchObject({
      sla: { reopenDays: 30 },
    })
  })

  it('hides a category, adds one of its own (refusing a too-long name), and saves it all with a request id', async () => {
    let saved: Record<string, unknown> | null = null
    api({
      'me.profile': admin,
      'order.config': fresh(),
      'order.configure': (input: Record<string, unknown>) => {
        saved = input
        return fresh()
      },
    })
    render(<OrderConfigPage />)
    await screen.findByText('新华社区的问题类别')
    expect(screen.getByText('始终显示')).toBeTruthy() // 其他 has no switch
    expect(document.querySelector('[aria-label="显示“其他”"]')).toBeNull()
    await tap(switchOf('显示“停车问题”'))

    await typeInto('类别名称', '一二三四五六七八九')
    await tap(screen.getByText('添加类别'))
    expect(alertTexts()).toContain('类别名称不超过 8 个字')
    await typeInto('类别名称', '停车问题')
    await tap(screen.getByText('添加类别'))
    expect(alertTexts()).toContain('已有名为“停车问题”的类别')

    await typeInto('类别名称', '文明养犬')
    await typeInto('一句话说明（可不填）', '遛狗不牵绳')
    await tap(switchOf('属于安全隐患（加急接单）'))
    await tap(screen.getByText('添加类别'))
    expect(screen.getByText('文明养犬（安全隐患）（待保存）')).toBeTruthy()

    await tap(screen.getByText('保存设置'))
    expect(saved).toMatchObject({
      communityId: 'cm-xinhua',
      requestId: expect.stringMatching(/^[0-9a-z]{12,}$/),
      categories: { hidden: ['parking'], custom: [{ name: '文明养犬', hint: '遛狗不牵绳', hazard: true }] },
      sla: {
        tiers: { grid: { acceptHours: 4, replyDays: 3 } },
        hazardAcceptHours: 1,
        reopenDays: 7,
        maxPromiseDays: 90,
      },
    })
    expect(await screen.findByText('已保存，新上报的工单按新设置办理')).toBeTruthy()
  })

  it('shows the server’s per-field details at the fields', async () => {
    api({
      'me.profile': admin,
      'order.config': fresh(),
      'order.configure': {
        ok: false,
        error: {
          code: 'ORDER.CONFIG_INVALID',
          message: '设置有误，未保存',
          details: [{ path: 'sla.tiers.street.replyDays', message: '街道答复时限（天）应在 1–30 之间' }],
        },
      },
    })
    render(<OrderConfigPage />)
    await screen.findByText('新华社区的问题类别')
    await tap(screen.getByText('保存设置'))
    expect(alertTexts()).toContain('街道答复时限（天）应在 1–30 之间')
    // Copy for the code (src/services/error-copy.ts).
    expect(alertTexts()).toContain('设置有误，请按提示修改后再保存')
  })

  it('is read only for a grid worker', async () => {
    api({ 'me.profile': worker, 'order.config': fresh(false) })
    router.params = {}
    render(<OrderConfigPage />)
    await screen.findByText('新华社区的问题类别')
    expect(calls.find((c) => c.action === 'order.config')?.input).toEqual({ communityId: 'cm-xinhua' })
    expect(screen.queryByText('保存设置')).toBeNull()
    expect(screen.queryByText('添加类别')).toBeNull()
    expect(document.querySelector('taro-input-core')).toBeNull()
    expect(screen.getByLabelText('网格接单时限（小时）：4')).toBeTruthy()
  })

  it('sets the gas repair line the hazard prompt offers: checked as a phone number, cleared by emptying it', async () => {
    const saves: Record<string, unknown>[] = []
    api({
      'me.profile': admin,
      'order.config': fresh(),
      'order.configure': (input: Record<string, unknown>) => {
        saves.push(input)
        return viewOf(
          { id: 'cm-xinhua', name: '新华社区' },
          { ...stateOf(null), gasRepairPhone: (input.gasRepairPhone as string) || null },
          true,
          null,
        )
      },
    })
    render(<OrderConfigPage />)
    await screen.findByLabelText('安全隐患求助电话')
    expect(screen.getByText(/火警 119 始终显示/)).toBeTruthy()

    await typeInto('燃气抢修电话（可不填）', '12345')
    await tap(screen.getByText('保存设置'))
    expect(alertTexts()).toContain(
      '燃气抢修电话请填写手机号、带区号的座机号（如 0571-87654321）或 95/96 开头的 5 位热线',
    )
    expect(saves).toEqual([])

    await typeInto('燃气抢修电话（可不填）', '96777')
    await tap(screen.getByText('保存设置'))
    expect(saves[0]).toMatchObject({ communityId: 'cm-xinhua', gasRepairPhone: '96777' })
    expect(await screen.findByText('已保存，新上报的工单按新设置办理')).toBeTruthy()
    expect(
      document.querySelector('taro-input-core[aria-label="燃气抢修电话（可不填）"]')?.getAttribute('value'),
    ).toBe('96777')

    await typeInto('燃气抢修电话（可不填）', '')
    await tap(screen.getByText('保存设置'))
    expect(saves[1]).toMatchObject({ gasRepairPhone: '' })
  })

  it('shows a grid worker the gas repair line without a field', async () => {
    api({
      'me.profile': worker,
      'order.config': viewOf(
        { id: 'cm-xinhua', name: '新华社区' },
        { ...stateOf(null), gasRepairPhone: '0571-87654321' },
        false,
        null,
      ),
    })
    router.params = {}
    render(<OrderConfigPage />)
    expect(await screen.findByLabelText('燃气抢修电话：0571-87654321')).toBeTruthy()
  })
})
