import { View, Text } from '@tarojs/components'
import { CauseLabel } from '@core/points/ledger'
import { causeKind, fundAccount } from '@core/points/model'
import { PointsErrors } from '@core/points/errors'
import { CommunityNotice } from '../../../../components/CommunityNotice'
import { Page } from '../../../../components/Page'
import { PointsToPersonFields } from '../../../../components/PointsToPersonFields'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy, ServiceError } from '../../../../services/cloud'
import { callApi } from '../../api'
import { useAdminCommunity } from '../../../../hooks/use-admin-community'
import { usePointsToPerson } from '../../../../hooks/use-points-to-person'
import { shortTime } from '../../labels'
import { Notice } from '../../../../components/Notice'
import { SubmitButton } from '../../../../components/SubmitButton'
import '../../market.scss'

/**
 * 社区基金 (community admins): the fund's balance and recent movements in and out, and 基金支付:
 * find the resident by name within the community (the same people list as 人员与角色), amount and
 * reason → fund.pay (idempotent on a request id kept across retries) → the view again.
 */
export default function FundPage() {
  const community = useAdminCommunity()
  const communityId = community.status === 'ready' ? community.communityId : ''
  const {
    data: view,
    message: loadError,
    reload,
  } = usePageData(communityId, () => (communityId ? callApi('fund.view', { communityId }) : null))
  const form = usePointsToPerson({
    noPerson: '请先查找并选择收款的居民',
    send: async (payee, amount, reason, requestId) => {
      const t = await callApi('fund.pay', { communityId, userId: payee.userId, amount, reason, requestId })
      return t.retried
        ? `这笔支付已经完成过了：${t.amount} 分给${payee.name}`
        : `已从社区基金支付 ${t.amount} 分给${payee.name}`
    },
    failure: (e) =>
      e instanceof ServiceError && e.code === PointsErrors.INSUFFICIENT
        ? '社区基金余额不足'
        : failureCopy(e, '支付失败，请重试'),
    onSent: reload,
  })

  if (community.status !== 'ready')
    return <CommunityNotice label="社区基金" community={community} none="只有社区管理员可以使用社区基金。" />

  const fund = fundAccount(communityId)
  return (
    <Page label="社区基金">
      <View className="card" ariaRole="region" ariaLabel="社区基金余额">
        <View className="market__head">
          <Text className="t-body">基金余额</Text>
          <Text className="market__balance">{view ? `${view.balance} 分` : '—'}</Text>
        </View>
        <View>
          <Text className="t-muted">居民捐赠的积分进入社区基金，可用于为有困难的居民购买服务。</Text>
        </View>
      </View>
      <Notice text={loadError} />

      <View className="card" ariaRole="form" ariaLabel="基金支付">
        <Text className="t-title">基金支付</Text>
        <View>
          <Text className="t-muted">为有困难的居民购买服务：把积分付给提供服务的居民。</Text>
        </View>
        <PointsToPersonFields
          form={form}
          communityId={communityId}
          role="收款居民"
          amountLabel="支付积分"
          amountHint="1–10000 的整数，不超过基金余额"
          reasonLabel="原因"
          reasonPlaceholder="如：为独居老人张大爷代买药品"
        />
        {form.problem && (
          <View ariaRole="alert">
            <Text className="t-body market__error">{form.problem}</Text>
          </View>
        )}
        <SubmitButton busy={form.busy} onSubmit={form.submit} className="btn market__gap">
          确认支付
        </SubmitButton>
      </View>

      {view && (
        <View className="card">
          <Text className="t-title">最近收支</Text>
          {view.recent.length === 0 ? (
            <View>
              <Text className="t-body">还没有收支记录。</Text>
            </View>
          ) : (
            <View ariaRole="list" ariaLabel="最近收支">
              {view.recent.map((t) => {
                const incoming = t.to === fund
                return (
                  <View key={t.transferId} className="market__row" ariaRole="listitem">
                    <View>
                      <Text className="t-body">
                        {incoming ? '收入' : '支出'} · {CauseLabel[causeKind(t.cause)] ?? '其他'}
                        {t.reason ? `：${t.reason}` : ''}
                      </Text>
                      <View>
                        <Text className="t-muted">{shortTime(t.at)}</Text>
                      </View>
                    </View>
                    <Text className={incoming ? 'market__in' : 'market__out'}>
                      {incoming ? `+${t.amount}` : `−${t.amount}`}
                    </Text>
                  </View>
                )
              })}
            </View>
          )}
        </View>
      )}
    </Page>
  )
}
