import { principalRole } from '../../src/core/access'
import { errandActions } from '../../src/core/errands/api'
import {
  AccessActionLabel,
  AuditedActions,
  accessActionLabel,
  viewerText,
} from '../../src/core/privacy/access-log'

// 谁查看过我的信息: who looked (role, surname), what they saw and why, in Chinese; never an action's
// raw name, never a name's stars running on for its note in brackets.

const S = { streetId: 'st' }
const C = { ...S, communityId: 'cm' }
const G = { ...C, gridId: 'gr' }

describe('who looked', () => {
  it.each([
    ['a grid worker', '刘建华', principalRole([{ role: 'grid_worker', scope: G }]), undefined, '网格员 刘**'],
    [
      'an admin whose display name carries a note',
      '王建国（新华社区管理员）',
      principalRole([{ role: 'community_admin', scope: C }]),
      undefined,
      '社区管理员 王**',
    ],
    [
      'the widest role of several',
      '周主任（街道）',
      principalRole([
        { role: 'grid_worker', scope: G },
        { role: 'street_admin', scope: S },
      ]),
      undefined,
      '街道管理员 周**',
    ],
    ['a helper', '刘志强', principalRole([{ role: 'helper', scope: G }]), undefined, '党员帮办/志愿者 刘**'],
    [
      'a resident, through my card',
      '王秀英',
      principalRole([]),
      'helper' as const,
      '王**（通过党员帮办/志愿者服务卡）',
    ],
    ['someone erased', '', null, undefined, '某用户'],
  ])('%s', (_n, name, role, card, text) => {
    expect(viewerText(name, role, card)).toBe(text)
  })
})

describe('what they saw and why', () => {
  it('an errand helper sees the address to come and help', () => {
    expect(`${viewerText('刘志强', 'grid_worker')} ${accessActionLabel('errand.done')}`).toBe(
      '网格员 刘** 查看了您的互助单地址和联系方式，用于上门帮办',
    )
  })

  it('every audited action and every errand action that reveals a requester has Chinese words', () => {
    const revealing = Object.keys(errandActions).filter(
      (a) =>
        ![
          'errand.post',
          'errand.trusted',
          'errand.trust',
          'errand.board',
          'errand.mine',
          'errand.queue',
        ].includes(a),
    )
    for (const action of [...AuditedActions, ...revealing]) {
      expect([action, AccessActionLabel[action]]).toEqual([action, expect.stringMatching(/^[\u4e00-\u9fff]/)])
    }
  })

  it('an action without words reads generically, not by its name', () => {
    expect(accessActionLabel('something.new')).toBe('查看了您的信息')
  })
})
