/**
 * The demo's notices (社区公告) and service guide (办事指南): the street's and 新华社区's notices
 * (one for 第1网格 only, one pinned with an attachment) and the street's catalogue of services with
 * 新华社区's own entry for 老年优待证 (it overrides the street's for 新华's residents).
 */
import type { GuideFields, GuideRecord } from '../../src/core/guide/model'
import type { NoticeRecord } from '../../src/core/notices/model'
import { scopeKeys, type ResolvedScope } from '../../src/core/notices/rules'
import { demoId, SEEDED_AT, STREET_ID } from './ids'

const at = (days: number) => new Date(SEEDED_AT.getTime() + days * 86_400_000)

export const DemoNoticeIds = {
  heating: demoId('nt', 'e睦邻 demo notice heating'),
  water: demoId('nt', 'e睦邻 demo notice water'),
  vaccine: demoId('nt', 'e睦邻 demo notice vaccine'),
} as const

function notice(
  id: string,
  scope: ResolvedScope,
  publisherName: string,
  createdBy: string,
  fields: Pick<NoticeRecord, 'title' | 'blocks' | 'attachments' | 'pinned'>,
  day: number,
): NoticeRecord {
  return {
    _id: id,
    ...scope,
    ...scopeKeys(scope),
    ...fields,
    pin: fields.pinned ? 1 : 0,
    important: false,
    push: 'none',
    pushReached: false,
    publishAt: at(day),
    status: 'published',
    createdBy,
    publisherName,
    requestId: `seed-${id}`,
    version: 1,
    createdAt: at(day),
    updatedAt: at(day),
    withdrawnAt: null,
    outbox: [],
    outboxAt: null,
  }
}

export function demoNotices(): NoticeRecord[] {
  const xinhua = { streetId: STREET_ID, communityId: 'cm-xinhua' }
  return [
    notice(
      DemoNoticeIds.heating,
      { level: 'street', ...xinhua, communityId: null, gridIds: null },
      '东街道办事处',
      'user-street-admin',
      {
        title: '关于做好今冬供暖保障工作的通知',
        blocks: [
          {
            kind: 'p',
            text: '各位居民：今冬供暖已于11月1日正式开始。如家中暖气不热、漏水，请拨打供热服务热线 0351-12345，或联系所在网格的网格员。',
          },
          { kind: 'p', text: '独居老人、困难家庭如有取暖困难，社区将上门查看并协助解决。' },
        ],
        attachments: [],
        pinned: false,
      },
      1,
    ),
    notice(
      DemoNoticeIds.water,
      { level: 'grids', ...xinhua, gridIds: ['gr-xinhua-01'] },
      '新华社区居委会',
      'user-xinhua-admin',
      {
        title: '1号楼至6号楼停水通知',
        blocks: [
          {
            kind: 'p',
            text: '因供水管网检修，1月8日（周四）上午8:00至下午4:00，本网格1号楼至6号楼停水，请提前储水。',
          },
          { kind: 'p', text: '如遇特殊困难，请联系网格员。' },
        ],
        attachments: [],
        pinned: false,
      },
      5,
    ),
    notice(
      DemoNoticeIds.vaccine,
      { level: 'community', ...xinhua, gridIds: null },
      '新华社区居委会',
      'user-xinhua-admin',
      {
        title: '65岁以上老人免费体检安排',
        blocks: [
          {
            kind: 'p',
            text: '社区卫生服务站将于1月10日至1月20日为辖区65岁以上老人免费体检，请携带身份证和医保卡，空腹前往。',
          },
          { kind: 'p', text: '行动不便的老人可提前预约上门服务。详细安排见附件。' },
        ],
        attachments: [
          {
            fileId: 'cloud://demo-env/notices/user-xinhua-admin/seed-vaccine/a1.pdf',
            name: '体检安排表.pdf',
            size: 182_400,
          },
        ],
        pinned: true,
      },
      3,
    ),
  ]
}

const STREET_HALL = {
  name: '东街道便民服务中心',
  address: '东街道建设路88号一楼',
  hours: '周一至周五 9:00–12:00，13:30–17:30',
  latitude: 37.8706,
  longitude: 112.5624,
}
const XINHUA_HALL = {
  name: '新华社区党群服务中心',
  address: '新华街12号院内',
  hours: '周一至周六 8:30–12:00，14:00–17:30',
  latitude: 37.8731,
  longitude: 112.5589,
}

const STREET_ENTRIES: readonly (GuideFields & { code: string })[] = [
  {
    code: 'juzhuzheng',
    title: '居住证办理',
    category: '户籍证件',
    materials: ['居民身份证原件及复印件', '近期一寸白底照片2张', '居住证明（房产证、租赁合同或单位证明）'],
    hall: STREET_HALL,
    phone: '0351-5551001',
    duration: '15个工作日',
    appointment: false,
    notes: '来本地居住满半年的非本市户籍人员可以申请。',
  },
  {
    code: 'laonian-youdai',
    title: '老年人优待证',
    category: '养老服务',
    materials: ['居民身份证原件', '户口本', '近期一寸白底照片1张'],
    hall: STREET_HALL,
    phone: '0351-5551002',
    duration: '即时办结',
    appointment: false,
    notes: '年满60周岁的本市户籍老人和常住老人可以办理，凭证享受公交、景区等优待。',
  },
  {
    code: 'dibao',
    title: '最低生活保障申请（低保）',
    category: '社会救助',
    materials: [
      '申请书',
      '家庭成员身份证、户口本',
      '家庭收入和财产情况说明',
      '授权核对家庭经济状况的承诺书',
      '残疾证、病历等（如有）',
    ],
    hall: STREET_HALL,
    phone: '0351-5551003',
    duration: '30个工作日（含入户调查和公示）',
    appointment: true,
    notes: '可由社区代为受理，街道审核确认。请先电话预约。',
  },
  {
    code: 'jisheng-zhengming',
    title: '计划生育情况证明',
    category: '卫生健康',
    materials: ['夫妻双方身份证', '户口本', '结婚证'],
    hall: STREET_HALL,
    phone: '0351-5551004',
    duration: '即时办结',
    appointment: false,
    notes: '',
  },
  {
    code: 'canji-zheng',
    title: '残疾人证申领',
    category: '助残服务',
    materials: ['居民身份证和户口本', '近期二寸白底照片3张', '指定医院的残疾评定表'],
    hall: STREET_HALL,
    phone: '0351-5551005',
    duration: '20个工作日',
    appointment: true,
    notes: '先到社区领取评定表，到指定医院评定后交回街道残联。',
  },
  {
    code: 'gaoling-jintie',
    title: '高龄津贴申领',
    category: '养老服务',
    materials: ['居民身份证', '户口本', '本人银行卡（一类卡）'],
    hall: STREET_HALL,
    phone: '0351-5551002',
    duration: '次月起发放',
    appointment: false,
    notes: '年满80周岁的本市户籍老人可以申领。',
  },
  {
    code: 'yibao-canbao',
    title: '城乡居民医保参保登记',
    category: '社会保障',
    materials: ['居民身份证或户口本', '新生儿出生医学证明（新生儿参保）'],
    hall: STREET_HALL,
    phone: '0351-5551006',
    duration: '即时办结',
    appointment: false,
    notes: '每年9月至12月集中缴费，新生儿出生90天内参保可享受出生当日起的待遇。',
  },
  {
    code: 'linshi-jiuzhu',
    title: '临时救助申请',
    category: '社会救助',
    materials: ['申请书', '身份证和户口本', '遭遇困难的相关证明（医疗票据、事故证明等）'],
    hall: STREET_HALL,
    phone: '0351-5551003',
    duration: '急难情况24小时内先行救助',
    appointment: false,
    notes: '',
  },
  {
    code: 'jiuye-dengji',
    title: '就业失业登记',
    category: '就业创业',
    materials: ['居民身份证', '与原单位解除劳动关系的证明（失业登记）'],
    hall: STREET_HALL,
    phone: '0351-5551007',
    duration: '即时办结',
    appointment: false,
    notes: '',
  },
]

export function demoGuide(): GuideRecord[] {
  const street = STREET_ENTRIES.map((e): GuideRecord => ({
    ...e,
    _id: demoId('gd', `e睦邻 demo guide street ${e.code}`),
    level: 'street',
    placeId: STREET_ID,
    streetId: STREET_ID,
    version: 1,
    updatedBy: 'user-street-admin',
    updatedAt: SEEDED_AT,
  }))
  const xinhua: GuideRecord = {
    _id: demoId('gd', 'e睦邻 demo guide xinhua laonian-youdai'),
    level: 'community',
    placeId: 'cm-xinhua',
    streetId: STREET_ID,
    code: 'laonian-youdai',
    title: '老年人优待证',
    category: '养老服务',
    materials: ['居民身份证原件', '户口本', '近期一寸白底照片1张（社区可免费拍照）'],
    hall: XINHUA_HALL,
    phone: '0351-5552101',
    duration: '即时办结',
    appointment: false,
    notes: '新华社区居民在社区党群服务中心即可办理，不用跑街道。行动不便的老人可电话预约上门办理。',
    version: 1,
    updatedBy: 'user-xinhua-admin',
    updatedAt: SEEDED_AT,
  }
  return [...street, xinhua]
}
