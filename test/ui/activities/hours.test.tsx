import { render, screen } from '@testing-library/react'
import { type MyHours } from '../../../src/core/activities/api'
import HoursExportPage from '../../../src/features/activities/pages/export/index'
import MyHoursPage from '../../../src/features/points/pages/hours/index'
import { recordText } from '../../../src/features/points/pages/hours/record'
import { navigateTo } from '../../support/taro-mock'
import { api, button, buttons, calls, inputs, tap } from '../../support/ui-script'
import { ADMIN, WORKER, profile } from './harness'

// The volunteer-hours record (我的志愿服务记录) and the admin's hours export.

describe('my volunteer-hours record', () => {
  const hours: MyHours = {
    name: '王秀英',
    communityName: '新华社区',
    totalHours: 3.5,
    count: 2,
    lines: [
      {
        activityId: 'ac_1',
        title: '重阳节陪老人包饺子',
        team: '彩虹桥·助老服务队',
        place: '活动室',
        date: '2026-11-23T01:00:00.000Z',
        hours: 2,
        points: 5,
        confirmedByName: '张丽',
        organisation: '新华社区居民委员会',
        confirmedAt: '2026-11-23T04:00:00.000Z',
      },
      {
        activityId: 'ac_2',
        title: '垃圾分类宣传',
        team: '彩虹桥·环境守护队',
        place: '东门',
        date: '2026-11-01T16:30:00.000Z',
        hours: 1.5,
        points: 3,
        confirmedByName: '张丽',
        organisation: '新华社区居民委员会',
        confirmedAt: '2026-11-02T04:00:00.000Z',
      },
    ],
    issuedAt: '2026-11-24T02:00:00.000Z',
  }

  it('renders totals and each service, and prints', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined)
    api({ 'hours.mine': hours })
    render(<MyHoursPage />)
    await screen.findByText('3.5 小时')
    expect(screen.getByText('（共 2 次）')).toBeTruthy()
    expect(screen.getByText('王秀英 · 新华社区')).toBeTruthy()
    expect(screen.getByText('2026年11月2日')).toBeTruthy() // 16:30 UTC is the next day in China
    expect(screen.getByText('垃圾分类宣传（彩虹桥·环境守护队）')).toBeTruthy()
    expect(screen.getAllByText('确认人：张丽 · 组织单位：新华社区居民委员会')).toHaveLength(2)
    expect(screen.getByText('出具时间：2026年11月24日')).toBeTruthy()
    expect(screen.getByText('本记录依据《志愿服务记录与证明出具办法》由社区据实记录。')).toBeTruthy()
    await tap(button('打印/保存'))
    expect(print).toHaveBeenCalledTimes(1)
    print.mockRestore()
    expect(recordText(hours)).toContain('累计志愿服务时长：3.5 小时（2 次）')
  })

  it('without records says how to get them', async () => {
    api({ 'hours.mine': { ...hours, totalHours: 0, count: 0, lines: [] } })
    render(<MyHoursPage />)
    await screen.findByText(/还没有志愿服务记录/)
    expect(buttons('打印/保存')).toHaveLength(0)
    await tap(button('去看看志愿活动'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/features/activities/pages/index/index' })
  })
})

describe('志愿时长导出 from the admin menu', () => {
  it('exports the admin community’s hours without opening an activity first', async () => {
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    api({
      'me.profile': profile(ADMIN),
      'hours.export': {
        fileID: 'cloud://x/hours.xlsx',
        url: 'https://tmp.example/hours.xlsx',
        fileName: '志愿服务记录-新华社区.xlsx',
        rows: 3,
      },
    })
    render(<HoursExportPage />)
    await screen.findByText('本社区已确认的志愿服务记录（Excel 表格），可用于出具志愿服务证明。')
    await tap(button('导出志愿时长'))
    await screen.findByText('已生成 志愿服务记录-新华社区.xlsx（3 条记录）')
    expect(inputs('hours.export')).toEqual([{ communityId: 'cm-xinhua' }])
    await tap(button('打开文件'))
    expect(click).toHaveBeenCalledTimes(1)
    click.mockRestore()
  })

  it('tells anyone else plainly that it is for community admins', async () => {
    api({ 'me.profile': profile(WORKER) })
    render(<HoursExportPage />)
    await screen.findByText('此页面仅供社区管理员使用')
    expect(buttons('导出志愿时长')).toHaveLength(0)
    expect(calls.filter((c) => c.action === 'hours.export')).toHaveLength(0)
  })
})
