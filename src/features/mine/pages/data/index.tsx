import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { SignupStatusLabel } from '@core/activities/model'
import { VoucherStatusLabel } from '@core/market/model'
import type { MyData, RecentLines } from '@core/me/api'
import { RoleLabel } from '@core/roles'
import { monthDay, shortTime } from '@core/china-time'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { Notice } from '../../../../components/Notice'
import { SubmitButton } from '../../../../components/SubmitButton'
import '../../mine.scss'

const STATUS: Record<MyData['joins'][number]['status'], string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  cancelled: '已撤回',
}
const day = (iso: string | null) => (iso ? shortTime(iso) : '')
const date = (iso: string | null) => (iso ? monthDay(iso) : '')
const signed = (n: number) => (n > 0 ? `+${n}` : `−${Math.abs(n)}`)
/** What the erasure keeps, said where it is offered, confirmed and done (true to repos/me.ts eraseMe). */
const KEPT =
  '积分账目和志愿服务记录按规定保留，只记您的账户编号，不含您的姓名和手机号；积分余额仍归您所有，重新加入网格后可以继续使用。'
/** What happens to reports and errands (repos/me.ts eraseMe). */
const CASES =
  '您上报的问题和已开始或已结束的互助是社区的办理记录，会保留（含描述和照片），姓名改为“新邻居”，互助的见面地点和给帮办人的备注会删除；您不再关注他人上报的问题。'
const REPORT_ROLE = { reporter: '我上报的', follower: '我关注的' } as const
const ERRAND_ROLE = { requester: '我发起的', helper: '我帮忙的' } as const
const WISH_ROLE = { owner: '我许的', claimant: '我认领的' } as const

/** "共 N 条" and, when there are more, that only the newest are shown here ("暂无记录" when none). */
function countNote(r: RecentLines<unknown>) {
  if (r.count === 0) return '暂无记录'
  return r.count > r.lines.length ? `共 ${r.count} 条，这里显示最近 ${r.lines.length} 条` : `共 ${r.count} 条`
}

/** One line of a list: main text left, detail right; read as one sentence by screen readers. */
function Line({ main, detail }: { main: string; detail: string }) {
  return (
    <View className="mine__row" ariaLabel={`${main}，${detail}`}>
      <Text className="t-body">{main}</Text>
      <Text className="t-muted">{detail}</Text>
    </View>
  )
}

/** A list of what the app keeps about me: its title, how many, and the newest lines (key, main, detail). */
function Recent<T>({
  title,
  recent,
  line,
}: {
  title: string
  recent: RecentLines<T>
  line: (l: T) => readonly [key: string, main: string, detail: string]
}) {
  return (
    <View className="card" ariaRole="region" ariaLabel={title}>
      <Text className="t-title mine__section">{title}</Text>
      <Text className="t-muted">{countNote(recent)}</Text>
      {recent.lines.map((l) => {
        const [key, main, detail] = line(l)
        return <Line key={key} main={main} detail={detail} />
      })}
    </View>
  )
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="mine__row">
      <Text className="t-body">{label}</Text>
      <Text className="t-body">{value}</Text>
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
      <Page label="我的个人信息">
        <View className="card" ariaRole="status">
          <Text className="t-title">您的个人信息已删除</Text>
          <View>
            <Text className="t-body">
              姓名、手机号、家庭关系和志愿服务资料已清除，尚未开始的活动报名已取消，未领取的兑换券已取消并退回积分，尚未开始的互助已取消或退回。如需继续使用，可以重新加入网格。
            </Text>
          </View>
          <View>
            <Text className="t-body">{CASES}</Text>
          </View>
          <View>
            <Text className="t-body">{KEPT}</Text>
          </View>
          <View className="mine__actions">
            <Button
              className="btn"
              type="primary"
              block
              onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}
            >
              返回首页
            </Button>
          </View>
        </View>
      </Page>
    )
  }

  return (
    <Page label="我的个人信息">
      <Notice text={message} />
      {!data && !message && <Text className="t-muted">正在加载…</Text>}
      {data && (
        <>
          <View className="card" ariaRole="region" ariaLabel="基本信息">
            <Text className="t-title mine__section">基本信息</Text>
            <Row label="称呼" value={data.user.displayName} />
            <Row label="姓名" value={data.user.realName ?? '未填写'} />
            <Row label="手机号" value={data.user.phone ?? '未填写'} />
            <Row
              label="身份"
              value={
                data.user.roles.length
                  ? [...new Set(data.user.roles.map((r) => RoleLabel[r.role]))].join('、')
                  : '无'
              }
            />
            <Row label="首次使用" value={day(data.user.createdAt)} />
          </View>

          <View className="card" ariaRole="region" ariaLabel="我的家庭">
            <Text className="t-title mine__section">我的家庭</Text>
            <Text className="t-body">
              {data.household
                ? `${data.household.communityName} ${data.household.gridName} ${data.household.buildingName}${data.household.unitName} ${data.household.room}室`
                : '未加入家庭'}
            </Text>
          </View>

          <View className="card" ariaRole="region" ariaLabel="入格申请记录">
            <Text className="t-title mine__section">入格申请记录</Text>
            {data.joins.length === 0 && <Text className="t-body">无</Text>}
            {data.joins.map((j) => (
              <View key={j.joinId} className="mine__row">
                <Text className="t-body">
                  {j.place} {j.room}室 · {j.name || '（已删除）'}
                  {j.phone ? ` · ${j.phone}` : ''}
                </Text>
                <Text className="t-muted">
                  {STATUS[j.status]} {day(j.createdAt)}
                </Text>
              </View>
            ))}
          </View>

          {data.helper && (
            <View className="card" ariaRole="region" ariaLabel="志愿服务资料">
              <Text className="t-title mine__section">志愿服务资料</Text>
              <Row label="党员" value={data.helper.partyMember ? '是' : '否'} />
              <Row label="公开党员身份" value={data.helper.showParty ? '公开' : '不公开'} />
              <Row label="技能" value={data.helper.skills.join('、') || '未填写'} />
            </View>
          )}

          <View className="card" ariaRole="region" ariaLabel="谁查看过我的信息">
            <Text className="t-title mine__section">谁查看过我的信息</Text>
            {data.accessLog.length === 0 && <Text className="t-body">暂无记录</Text>}
            {data.accessLog.map((l, i) => (
              <View key={`${l.at}-${i}`} className="mine__row">
                <Text className="t-body">
                  {l.who} {l.action}
                  {l.allowed ? '' : '（已拒绝）'}
                </Text>
                <Text className="t-muted">{day(l.at)}</Text>
              </View>
            ))}
          </View>

          <View className="card" ariaRole="region" ariaLabel="我的爱心积分">
            <Text className="t-title mine__section">我的爱心积分</Text>
            <Row label="余额" value={`${data.points.balance} 分`} />
            <Row label="积分账目" value={`共 ${data.points.entries} 条`} />
            {data.points.lines.map((l) => (
              <Line
                key={`${l.transferId}-${l.delta}`}
                main={`${l.label}${l.reason ? ` · ${l.reason}` : ''}`}
                detail={`${signed(l.delta)} 分 · ${day(l.at)}`}
              />
            ))}
          </View>

          <Recent
            title="志愿活动报名"
            recent={data.signups}
            line={(l) => [
              l.activityId,
              l.title || '（活动已删除）',
              `${SignupStatusLabel[l.status]}${l.startAt ? ` · 活动时间 ${day(l.startAt)}` : ''}`,
            ]}
          />

          <Recent
            title="志愿服务时长记录"
            recent={data.hours}
            line={(l) => [
              l.activityId,
              `${l.title} · ${l.hours} 小时`,
              `${l.organisation} · ${date(l.date)}`,
            ]}
          />

          <Recent
            title="爱心超市兑换券"
            recent={data.vouchers}
            line={(v) => [
              v.voucherId,
              `${v.itemName} · ${v.price} 分`,
              `${VoucherStatusLabel[v.status]} · ${day(v.issuedAt)}`,
            ]}
          />

          <Recent
            title="我的上报"
            recent={data.reports}
            line={(l) => [
              l.orderId,
              `${l.categoryName} · ${REPORT_ROLE[l.role]}`,
              `${l.statusLabel} · ${date(l.submittedAt)}`,
            ]}
          />

          <Recent
            title="邻里互助"
            recent={data.errands}
            line={(l) => [
              l.errandId,
              `${l.typeLabel} · ${ERRAND_ROLE[l.role]}`,
              `${l.statusLabel} · ${date(l.createdAt)}`,
            ]}
          />

          <Recent
            title="微心愿"
            recent={data.wishes}
            line={(l) => [
              `${l.wishId}-${l.role}`,
              `${l.title} · ${WISH_ROLE[l.role]}`,
              `${l.statusLabel} · ${date(l.createdAt)}`,
            ]}
          />

          <Recent
            title="我读过的公告"
            recent={data.noticeReads}
            line={(l) => [l.noticeId, l.title, `已读 · ${date(l.readAt)}`]}
          />

          <Recent
            title="百宝屋借用"
            recent={data.lending}
            line={(l) => [
              l.id,
              `${l.itemName} · ${l.kind === 'hold' ? '预约' : '借用'}`,
              `${l.statusLabel} · ${date(l.at)}`,
            ]}
          />

          <View className="card" ariaRole="region" ariaLabel="删除我的个人信息">
            <Text className="t-title mine__section">删除我的个人信息</Text>
            {!confirming ? (
              <>
                <Text className="t-body">
                  删除后，您的姓名、手机号、家庭关系和志愿服务资料将被清除，待审核的申请会被撤回；尚未开始的志愿活动报名会被取消（名额让给其他居民），未领取的兑换券会被取消并退回积分；您发起的还没开始的互助会被取消（已接单的帮办人会看到已取消），您接下还没开始的互助会退回给其他帮办人；您还没被认领的心愿会撤回，您认领了还没实现的心愿会退回心愿墙；百宝屋排队中的预约会被取消，借出未还的物品仍记在您名下直到归还（押分照常退回）；您的公告阅读记录会被删除（各网格的阅读人数保留，不含姓名）。
                </Text>
                <View>
                  <Text className="t-body">{CASES}</Text>
                </View>
                <View>
                  <Text className="t-body">{KEPT}</Text>
                </View>
                <View className="mine__actions">
                  <Button className="btn" block onClick={() => setConfirming(true)}>
                    删除我的个人信息
                  </Button>
                </View>
              </>
            ) : (
              <View ariaRole="alert">
                <Text className="t-body mine__danger">
                  确定要删除吗？删除后无法恢复，您需要重新加入网格。依法需要保存的访问记录、已匿名的审核记录和上报、互助记录，以及不含您姓名的积分账目和志愿服务记录会保留。
                </Text>
                <View className="mine__actions">
                  <SubmitButton busy={busy} onSubmit={erase}>
                    确认删除
                  </SubmitButton>
                  <Button className="btn" block disabled={busy} onClick={() => setConfirming(false)}>
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
