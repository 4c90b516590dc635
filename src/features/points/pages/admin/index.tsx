import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { AuditReport, TransferLine } from '@core/points/api'
import { PointsErrors } from '@core/points/errors'
import { AccountLabel, MAX_AMOUNT, parseAccount } from '@core/points/model'
import { Field } from '../../../../components/Field'
import { CommunityNotice } from '../../../../components/CommunityNotice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { PointsToPersonFields } from '../../../../components/PointsToPersonFields'
import { Button } from '../../../../components/ui'
import { useAdminCommunity } from '../../../../hooks/use-admin-community'
import { usePointsToPerson } from '../../../../hooks/use-points-to-person'
import { usePages, type CursorPage } from '../../../../hooks/use-pages'
import { failureCopy, ServiceError } from '../../../../services/cloud'
import { callApi } from '../../api'
import { errorCopy } from '../../../../services/error-copy'
import { shortTime } from '../../labels'
import { Notice, toast } from '../../../../components/Notice'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { SubmitButton } from '../../../../components/SubmitButton'
import '../../points.scss'

/**
 * 积分管理 (community admins): 奖励积分 to a resident found by name, with a reason (points.award,
 * one request id per form kept across retries); 积分流水 of the community, newest first, where a
 * line can be corrected once with a reason (points.correct, a reversing transfer); 核对账目
 * recomputes every balance from its entries (points.audit) and lists any difference.
 */
export default function PointsAdminPage() {
  const community = useAdminCommunity()
  if (community.status !== 'ready')
    return <CommunityNotice label="积分管理" community={community} none="只有社区管理员可以管理积分。" />
  return <PointsAdmin communityId={community.communityId} />
}

function PointsAdmin({ communityId }: { readonly communityId: string }) {
  const transfers = usePages<CursorPage<TransferLine>>(`transfers:${communityId}`, async (cursor) => {
    const page = await callApi('points.transfers', cursor ? { communityId, cursor } : { communityId })
    return { items: page.lines, cursor: page.cursor }
  })
  usePullRefresh(() => transfers.reload())
  return (
    <Page label="积分管理">
      <AwardForm communityId={communityId} onAwarded={transfers.reload} />
      <View className="card" ariaRole="region" ariaLabel="积分流水">
        <Text className="t-title">积分流水</Text>
        <View>
          <Text className="t-muted">
            本社区的每一笔积分进出，最新的在前。发错的积分可以更正：系统记一笔反向的积分并写明原因，原记录保留。
          </Text>
        </View>
      </View>
      <Notice text={transfers.error} />
      <Transfers
        lines={transfers.items}
        cursor={transfers.cursor}
        onMore={transfers.more}
        onCorrected={transfers.reload}
      />
      <AuditCard communityId={communityId} lines={transfers.items ?? []} />
    </Page>
  )
}

/** 奖励积分: issuance → a resident of the community, with a required reason. */
function AwardForm({
  communityId,
  onAwarded,
}: {
  readonly communityId: string
  readonly onAwarded: () => void
}) {
  // One request id per form: a retried send after a failure (or a lost answer) lands once.
  const form = usePointsToPerson({
    noPerson: '请先查找并选择要奖励的居民',
    send: async (person, amount, reason, requestId) => {
      const t = await callApi('points.award', { userId: person.userId, amount, reason, requestId })
      return t.retried
        ? `这笔奖励已经发放过了：${t.amount} 分给${person.name}`
        : `已奖励 ${t.amount} 分给${person.name}`
    },
    failure: (e) => failureCopy(e, '奖励失败，请重试'),
    onSent: onAwarded,
  })

  return (
    <View className="card" ariaRole="form" ariaLabel="奖励积分">
      <Text className="t-title">奖励积分</Text>
      <View>
        <Text className="t-muted">为本社区居民发放爱心积分，须写明原因，会记入积分流水。</Text>
      </View>
      <PointsToPersonFields
        form={form}
        communityId={communityId}
        role="奖励居民"
        amountLabel="奖励积分"
        amountHint={`1–${MAX_AMOUNT} 的整数`}
        reasonLabel="奖励原因"
        reasonPlaceholder="如：参加社区清洁日"
      />
      {form.problem && (
        <View ariaRole="alert">
          <Text className="t-body points__error">{form.problem}</Text>
        </View>
      )}
      <SubmitButton busy={form.busy} onSubmit={form.submit} className="btn points__gap">
        确认奖励
      </SubmitButton>
    </View>
  )
}

interface Correcting {
  readonly line: TransferLine
  readonly reason: string
  readonly problem: string | null
  readonly busy: boolean
}

const lineText = (l: TransferLine) => `${l.label}${l.reason ? `：${l.reason}` : ''}`
const canCorrect = (l: TransferLine) => l.kind !== 'correction' && !l.corrected

/** 积分流水 with 更正: an in-place confirmation asks for the reason before anything is sent. */
function Transfers(props: {
  readonly lines: readonly TransferLine[] | null
  readonly cursor: string | null
  readonly onMore: () => void
  readonly onCorrected: () => void
}) {
  const [correcting, setCorrecting] = useState<Correcting | null>(null)

  const correct = async (c: Correcting) => {
    if (!c.reason.trim()) return setCorrecting({ ...c, problem: errorCopy(PointsErrors.REASON_REQUIRED) })
    setCorrecting({ ...c, problem: null, busy: true })
    try {
      const t = await callApi('points.correct', { transferId: c.line.transferId, reason: c.reason.trim() })
      setCorrecting(null)
      toast(`已更正：${c.line.toName}退回 ${t.amount} 分给${c.line.fromName}`)
      props.onCorrected()
    } catch (e) {
      const insufficient = e instanceof ServiceError && e.code === PointsErrors.INSUFFICIENT
      setCorrecting({
        ...c,
        busy: false,
        problem: insufficient
          ? `${c.line.toName}的积分已不足 ${c.line.amount} 分，无法更正`
          : failureCopy(e, '更正失败，请重试'),
      })
    }
  }

  return (
    <View>
      <PagedList
        label="积分流水"
        items={props.lines}
        cursor={props.cursor}
        empty="本社区还没有积分记录。"
        onMore={props.onMore}
        keyOf={(l) => l.transferId}
        render={(l) => {
          const open = correcting?.line.transferId === l.transferId ? correcting : null
          return (
            <View className="card">
              <View className="points__line">
                <View>
                  <Text className="t-body">{lineText(l)}</Text>
                  <View>
                    <Text className="t-muted">
                      {l.fromName} 转给 {l.toName}
                    </Text>
                  </View>
                  <View>
                    <Text className="t-muted">
                      {shortTime(l.at)}
                      {l.reverses ? ' · 更正记录' : ''}
                      {l.corrected ? ' · 已更正' : ''}
                    </Text>
                  </View>
                </View>
                <Text className="points__amount">{l.amount} 分</Text>
              </View>
              {canCorrect(l) && !open && (
                <Button
                  className="btn"
                  onClick={() => setCorrecting({ line: l, reason: '', problem: null, busy: false })}
                  ariaLabel={`更正：${lineText(l)}，${l.fromName}转给${l.toName} ${l.amount} 分`}
                >
                  更正
                </Button>
              )}
              {open && (
                <View className="points__confirm" ariaRole="form" ariaLabel="更正这笔积分">
                  <Text className="t-body">
                    将从{l.toName}退回 {l.amount} 分给{l.fromName}，原记录保留。
                  </Text>
                  <Field
                    label="更正原因"
                    value={open.reason}
                    onInput={(reason) => setCorrecting({ ...open, reason })}
                    maxlength={100}
                    placeholder="如：发错了人"
                    error={open.problem}
                  />
                  <View className="points__actions">
                    <Button
                      className="btn"
                      type="primary"
                      loading={open.busy}
                      disabled={open.busy}
                      onClick={() => void correct(open)}
                    >
                      确认更正
                    </Button>
                    <Button className="btn" disabled={open.busy} onClick={() => setCorrecting(null)}>
                      取消
                    </Button>
                  </View>
                </View>
              )}
            </View>
          )
        }}
      />
    </View>
  )
}

/** An account as the audit names it: the community's own accounts by kind, people by the names the list showed. */
function accountName(account: string, lines: readonly TransferLine[]): string {
  const parsed = parseAccount(account)
  if (parsed && parsed.kind !== 'u') return AccountLabel[parsed.kind]
  const seen = lines.find((l) => l.from === account || l.to === account)
  return seen ? (seen.from === account ? seen.fromName : seen.toName) : `居民账户 ${parsed?.ref ?? account}`
}

/** 核对账目: every balance of the community recomputed from its entries. */
function AuditCard({
  communityId,
  lines,
}: {
  readonly communityId: string
  readonly lines: readonly TransferLine[]
}) {
  const [report, setReport] = useState<AuditReport | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const audit = async () => {
    setProblem(null)
    setBusy(true)
    try {
      setReport(await callApi('points.audit', { communityId }))
    } catch (e) {
      setReport(null)
      setProblem(failureCopy(e, '核对失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card" ariaRole="region" ariaLabel="核对账目">
      <Text className="t-title">核对账目</Text>
      <View>
        <Text className="t-muted">按每一笔分录重新计算本社区各账户的余额，与记录的余额比对。</Text>
      </View>
      <Button className="btn points__gap" block loading={busy} disabled={busy} onClick={() => void audit()}>
        核对账目
      </Button>
      {problem && (
        <View ariaRole="alert">
          <Text className="t-body points__error">{problem}</Text>
        </View>
      )}
      {report && report.differences.length === 0 && (
        <View ariaRole="status">
          <Text className="t-body points__done">
            账目一致：{report.accounts} 个账户，{report.entries} 条分录
          </Text>
        </View>
      )}
      {report && report.differences.length > 0 && (
        <View ariaRole="alert">
          <Text className="t-body points__error">
            发现 {report.differences.length} 个账户余额不一致（共核对 {report.accounts} 个账户，
            {report.entries} 条分录）：
          </Text>
          <View ariaRole="list" ariaLabel="余额不一致的账户">
            {report.differences.map((d) => (
              <View key={d.account} className="points__line" ariaRole="listitem">
                <Text className="t-body">{accountName(d.account, lines)}</Text>
                <Text className="t-body">
                  记录 {d.cached} 分，按分录应为 {d.computed} 分
                </Text>
              </View>
            ))}
          </View>
        </View>
      )}
    </View>
  )
}
