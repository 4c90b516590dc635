// 办事指南 pages against scripted answers: search sends the words, the detail calls the hall with one
// tap and opens its place on the map.
import { act, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { GuideDetail } from '../../src/core/guide/api'
import GuideDetailPage from '../../src/features/guide/pages/detail/index'
import GuidePageView from '../../src/features/guide/pages/index/index'
import { resetTaroMock, router } from '../support/taro-mock'
import { api, button, buttons, inputs, tap, type } from '../support/ui-script'

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
