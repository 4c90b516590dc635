// 办事指南 pages against scripted answers: search sends the words, the detail calls the hall with one
// tap and opens its place on the map.
import { act, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { GuideDetail } from '../../src/core/guide/api'
import GuideDetailPage from '../../src/features/guide/pages/detail/index'
import EditGuidePage from '../../src/features/guide/pages/edit/index'
import GuidePageView from '../../src/features/guide/pages/index/index'
import { redirectTo, resetTaroMock, router } from '../support/taro-mock'
import { api, button, buttons, fail, inputs, tap, type } from '../support/ui-script'

const makePhoneCall = jest.fn(async () => ({}))
const openLocation = jest.fn(async () => ({}))
Object.assign(Taro, { makePhoneCall, openLocation })

beforeEach(() => {
  resetTaroMock()
  makePhoneCall.mockClear()
  openLocation.mockClear()
})

const show = async (el: JSX.Element) => {
  await act(async () => {
    render(el)
  })
}
const can = { editCommunity: false, editStreet: false }
const page = (items: { code: string; title: string }[]) => ({
  communityId: 'cm-xinhua',
  communityName: '新华社区',
  items: items.map((i) => ({
    ...i,
    category: '养老服务',
    hallName: '便民服务中心',
    appointment: false,
    source: 'street' as const,
  })),
  cursor: null,
  can,
})

describe('办事指南: the list', () => {
  it('loads my community’s services and searches by the words typed', async () => {
    router.params = {}
    api({
      'guide.list': (input: Record<string, unknown>) =>
        input.q
          ? page([{ code: 'dibao', title: '低保申请' }])
          : page([
              { code: 'juzhuzheng', title: '居住证办理' },
              { code: 'dibao', title: '低保申请' },
            ]),
    })
    await show(<GuidePageView />)
    expect(screen.getByText('居住证办理')).toBeTruthy()
    expect(screen.getByText('新华社区可办理的事项')).toBeTruthy()
    expect(buttons('新增事项')).toHaveLength(0)
    await type('搜索事项或材料', ' 低保 ')
    await tap(button('搜索'))
    expect(inputs('guide.list').at(-1)).toEqual({ q: '低保' })
    expect(screen.queryByText('居住证办理')).toBeNull()
    await tap(screen.getByText('低保申请'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/features/guide/pages/detail/index?code=dibao&communityId=cm-xinhua',
    })
  })
})

describe('办事指南: a service', () => {
  const entry: GuideDetail = {
    code: 'laonian-youdai',
    communityId: 'cm-xinhua',
    source: 'community',
    title: '老年人优待证',
    category: '养老服务',
    materials: ['居民身份证原件', '户口本'],
    hall: {
      name: '新华社区党群服务中心',
      address: '新华街12号院内',
      hours: '周一至周六 8:30–17:30',
      latitude: 37.8731,
      longitude: 112.5589,
    },
    phone: '0351-5552101',
    duration: '即时办结',
    appointment: false,
    notes: '',
    updatedAt: '2026-01-01T00:00:00.000Z',
    streetHasIt: true,
    can,
  }
  it('materials listed; the phone is one tap; the map opens the hall', async () => {
    router.params = { code: 'laonian-youdai', communityId: 'cm-xinhua' }
    api({ 'guide.get': entry })
    await show(<GuideDetailPage />)
    expect(inputs('guide.get')).toEqual([{ code: 'laonian-youdai', communityId: 'cm-xinhua' }])
    expect(screen.getByText('1. 居民身份证原件')).toBeTruthy()
    expect(screen.getByText('本社区办理', { exact: false })).toBeTruthy()
    await tap(button('拨打电话 0351-5552101'))
    expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0351-5552101' })
    await tap(button('查看地图和路线'))
    expect(openLocation).toHaveBeenCalledWith(
      expect.objectContaining({ latitude: 37.8731, longitude: 112.5589, name: '新华社区党群服务中心' }),
    )
    expect(buttons('编辑这个事项')).toHaveLength(0)
  })
})

describe('编辑办事指南', () => {
  const entry: GuideDetail = {
    code: 'juzhuzheng',
    communityId: 'cm-xinhua',
    source: 'street',
    title: '居住证办理',
    category: '户籍证件',
    materials: ['居民身份证', '一寸照片'],
    hall: {
      name: '东街道便民服务中心',
      address: '建设路88号',
      hours: '工作日 9:00–17:00',
      latitude: 37.87,
      longitude: 112.56,
    },
    phone: '0351-5551001',
    duration: '15个工作日',
    appointment: false,
    notes: '',
    updatedAt: '2026-01-01T00:00:00.000Z',
    streetHasIt: true,
    can: { editCommunity: true, editStreet: true },
  }
  it('a street admin saves the community’s own entry over the street’s, materials one a line', async () => {
    router.params = { code: 'juzhuzheng', communityId: 'cm-xinhua' }
    api({ 'guide.get': entry, 'guide.save': { ...entry, source: 'community' } })
    await show(<EditGuidePage />)
    expect(screen.getByText('本社区（覆盖街道的同一事项）')).toBeTruthy()
    await type('办理地点', '新华社区党群服务中心')
    await type('所需材料', '居民身份证\n\n户口本', 'taro-textarea-core')
    await tap(button('保存事项'))
    expect(inputs('guide.save')).toEqual([
      {
        level: 'community',
        communityId: 'cm-xinhua',
        code: 'juzhuzheng',
        fields: expect.objectContaining({
          materials: ['居民身份证', '', '户口本'],
          hall: expect.objectContaining({ name: '新华社区党群服务中心', latitude: 37.87, longitude: 112.56 }),
        }),
      },
    ])
    expect(redirectTo).toHaveBeenCalledWith({
      url: '/features/guide/pages/detail/index?code=juzhuzheng&communityId=cm-xinhua',
    })
  })

  it('a refused save says why in words and stays', async () => {
    router.params = { code: 'juzhuzheng', communityId: 'cm-xinhua' }
    api({ 'guide.get': entry, 'guide.save': fail('GUIDE.BAD_LOCATION') })
    await show(<EditGuidePage />)
    await tap(button('保存事项'))
    expect(screen.getByText('地图位置无效')).toBeTruthy()
    expect(redirectTo).not.toHaveBeenCalled()
  })
})
