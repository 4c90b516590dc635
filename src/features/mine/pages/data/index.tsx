import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { MyData } from '@core/me/api'
import { RoleLabel } from '@core/roles'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { callApi, failureCopy } from '../../../../services/cloud'
import '../../mine.scss'

const STATUS: Record<MyData['joins'][number]['status'], string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  cancelled: '已撤回',
}
const day = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '')

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='mine__row'>
      <Text className='t-body'>{label}</Text>
      <Text className='t-body'>{value}</Text>
    </View>
  )
}

/**
 * 我的个人信息 (PIPL): everything the app stores about me, who looked at it, and erasing it
 * (with a confirmation step; afterwards the app treats me as a newcomer).
 */
export default function MyDataPage() {
  const [data, setData] = useState<MyData | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [erased, setErased] = useState(false)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    callApi('me.data', {}).then(setData, (err: unknown) => setMessage(failureCopy(err, '加载失败，请重试')))
  }, [])

  const erase = async () => {
    setBusy(true)
    setMessage(null)
    try {
      await callApi('me.delete', { confirm: true })
      setErased(true)
      setConfirming(false)
      setData(null)
    } catch (err) {
      setMessage(failureCopy(err, '删除失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  if (erased) {
    return (
      <Page label='我的个人信息'>
        <View className='card' ariaRole='status'>
          <Text className='t-title'>您的个人信息已删除</Text>
          <View>
            <Text className='t-body'>姓名、手机号、家庭关系和志愿服务资料已清除。如需继续使用，可以重新加入网格。</Text>
          </View>
          <View className='mine__actions'>
            <Button className='btn' type='primary' block onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
              返回首页
            </Button>
          </View>
        </View>
      </Page>
    )
  }

  return (
    <Page label='我的个人信息'>
      {message && (
        <View className='card' ariaRole='alert'>
          <Text className='t-body'>{message}</Text>
        </View>
      )}
      {!data && !message && <Text className='t-muted'>正在加载…</Text>}
      {data && (
        <>
          <View className='card' ariaRole='region' ariaLabel='基本信息'>
            <Text className='t-title mine__section'>基本信息</Text>
            <Row label='称呼' value={data.user.displayName} />
            <Row label='姓名' value={data.user.realName ?? '未填写'} />
            <Row label='手机号' value={data.user.phone ?? '未填写'} />
            <Row label='身份' value={data.user.roles.length ? [...new Set(data.user.roles.map((r) => RoleLabel[r.role]))].join('、') : '无'} />
            <Row label='首次使用' value={day(data.user.createdAt)} />
          </View>

          <View className='card' ariaRole='region' ariaLabel='我的家庭'>
            <Text className='t-title mine__section'>我的家庭</Text>
            <Text className='t-body'>
              {data.household
                ? `${data.household.communityName} ${data.household.gridName} ${data.household.buildingName}${data.household.unitName} ${data.household.room}室`
                : '未加入家庭'}
            </Text>
          </View>

          <View className='card' ariaRole='region' ariaLabel='入格申请记录'>
            <Text className='t-title mine__section'>入格申请记录</Text>
            {data.joins.length === 0 && <Text className='t-body'>无</Text>}
            {data.joins.map((j) => (
              <View key={j.joinId} className='mine__row'>
                <Text className='t-body'>
                  {j.place} {j.room}室 · {j.name || '（已删除）'}
                  {j.phone ? ` · ${j.phone}` : ''}
                </Text>
                <Text className='t-muted'>
                  {STATUS[j.status]} {day(j.createdAt)}
                </Text>
              </View>
            ))}
          </View>

          {data.helper && (
            <View className='card' ariaRole='region' ariaLabel='志愿服务资料'>
              <Text className='t-title mine__section'>志愿服务资料</Text>
              <Row label='党员' value={data.helper.partyMember ? '是' : '否'} />
              <Row label='公开党员身份' value={data.helper.showParty ? '公开' : '不公开'} />
              <Row label='技能' value={data.helper.skills.join('、') || '未填写'} />
            </View>
          )}

          <View className='card' ariaRole='region' ariaLabel='谁查看过我的信息'>
            <Text className='t-title mine__section'>谁查看过我的信息</Text>
            {data.accessLog.length === 0 && <Text className='t-body'>暂无记录</Text>}
            {data.accessLog.map((l, i) => (
              <View key={`${l.at}-${i}`} className='mine__row'>
                <Text className='t-body'>
                  {l.who} {l.action}
                  {l.allowed ? '' : '（已拒绝）'}
                </Text>
                <Text className='t-muted'>{day(l.at)}</Text>
              </View>
            ))}
          </View>

          <View className='card' ariaRole='region' ariaLabel='删除我的个人信息'>
            <Text className='t-title mine__section'>删除我的个人信息</Text>
            {!confirming ? (
              <>
                <Text className='t-body'>删除后，您的姓名、手机号、家庭关系和志愿服务资料将被清除，待审核的申请会被撤回。</Text>
                <View className='mine__actions'>
                  <Button className='btn' block onClick={() => setConfirming(true)}>
                    删除我的个人信息
                  </Button>
                </View>
              </>
            ) : (
              <View ariaRole='alert'>
                <Text className='t-body mine__danger'>
                  确定要删除吗？删除后无法恢复，您需要重新加入网格。依法需要保存的访问记录和已匿名的审核记录会保留。
                </Text>
                <View className='mine__actions'>
                  <Button className='btn' type='primary' block loading={busy} disabled={busy} onClick={() => void erase()}>
                    确认删除
                  </Button>
                  <Button className='btn' block disabled={busy} onClick={() => setConfirming(false)}>
                    取消
                  </Button>
                </View>
              </View>
            )}
          </View>
        </>
      )}
    </Page>
  )
}
