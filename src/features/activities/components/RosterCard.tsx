import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { CONFIRM_BATCH, type ConfirmResult, type Roster, type RosterLine } from '@core/activities/api'
import { signupMachine } from '@core/activities/machine'
import { Button } from '../../../components/ui'
import { failureCopy } from '../../../services/cloud'
import { callApi } from '../api'
import { SignupLabel, clock } from '../labels'

/** Taro maps `ariaChecked` to WeChat's aria-checked (and the DOM attribute on H5); its typings lack it. */
const checked = (on: boolean) => ({ ariaChecked: on }) as object

const times = (l: RosterLine) =>
  [
    `报名 ${clock(l.signedAt)}`,
    l.checkedInAt && `签到 ${clock(l.checkedInAt)}`,
    l.confirmedAt && `确认 ${clock(l.confirmedAt)}${l.confirmedByName ? `（${l.confirmedByName}）` : ''}`,
  ]
    .filter(Boolean)
    .join(' · ')

/** What a confirm call did, in words (names from the roster). */
function ResultCard({
  result,
  nameOf,
}: {
  readonly result: ConfirmResult
  readonly nameOf: (id: string) => string
}) {
  const names = (ids: readonly string[]) => ids.map(nameOf).join('、')
  return (
    <View className="card" ariaRole="status" ariaLabel="确认结果">
      <Text className="t-body activity__status">
        {result.paid.length > 0
          ? `已确认 ${result.paid.length} 人出勤，积分已发放：${names(result.paid)}`
          : '这次没有新发放的积分'}
      </Text>
      {result.alreadyPaid.length > 0 && (
        <View>
          <Text className="t-body">之前已确认（未重复发放）：{names(result.alreadyPaid)}</Text>
        </View>
      )}
      {result.skipped.length > 0 && (
        <View>
          <Text className="t-body">
            未确认：{result.skipped.map((s) => `${nameOf(s.userId)}（${s.reason}）`).join('、')}
          </Text>
        </View>
      )}
    </View>
  )
}

/**
 * 名单 (staff): who signed up, checked in, was confirmed. Checked-in residents can be ticked and
 * confirmed: points paid and hours recorded once each; the answer says who was paid, who had been
 * already, and who was skipped and why.
 */
export function RosterCard({
  roster,
  onRoster,
}: {
  readonly roster: Roster
  readonly onRoster: (r: Roster) => void
}) {
  const [picked, setPicked] = useState<readonly string[]>([])
  const [result, setResult] = useState<ConfirmResult | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // Lines staff may confirm: the sign-up machine's `confirm` row (from checked in).
  const confirmable = (l: RosterLine) => signupMachine.target(l.status, 'confirm', 'staff') !== null
  const checkedIn = roster.lines.filter(confirmable).map((l) => l.userId)
  const nameOf = (id: string) => roster.lines.find((l) => l.userId === id)?.name ?? id

  const toggle = (id: string) =>
    setPicked((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id]))
  const confirm = async () => {
    if (picked.length === 0) return setMessage('请先勾选已签到的居民')
    setBusy(true)
    setMessage(null)
    try {
      // A long roster goes in batches; each batch is idempotent, so after a failure the retry pays
      // nobody twice and the result so far is shown.
      let merged: ConfirmResult | null = null
      try {
        for (let i = 0; i < picked.length; i += CONFIRM_BATCH) {
          const r = await callApi('activity.confirm', {
            activityId: roster.activity.activityId,
            userIds: picked.slice(i, i + CONFIRM_BATCH),
          })
          merged = merged
            ? {
                roster: r.roster,
                paid: [...merged.paid, ...r.paid],
                alreadyPaid: [...merged.alreadyPaid, ...r.alreadyPaid],
                skipped: [...merged.skipped, ...r.skipped],
              }
            : r
        }
        setPicked([])
      } finally {
        if (merged) {
          setResult(merged)
          onRoster(merged.roster)
        }
      }
    } catch (e) {
      setMessage(failureCopy(e, '确认失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const c = roster.counts
  return (
    <View className="card" ariaRole="region" ariaLabel="名单">
      <Text className="t-title">名单</Text>
      <View>
        <Text className="t-body">
          报名 {c.signed + c.checked_in + c.confirmed} 人 · 已签到 {c.checked_in + c.confirmed} 人 · 已确认{' '}
          {c.confirmed} 人{c.withdrawn > 0 ? ` · 取消报名 ${c.withdrawn} 人` : ''}
        </Text>
      </View>
      {roster.lines.length === 0 && <Text className="t-body">还没有人报名。</Text>}
      {roster.lines.length > 0 && (
        <View ariaRole="list" ariaLabel="报名名单">
          {roster.lines.map((l) => (
            <View key={l.userId} className="roster__line" ariaRole="listitem">
              <View className="roster__who">
                <Text className="t-body">
                  {l.name} · {l.buildingName} · {SignupLabel[l.status]}
                </Text>
                <View>
                  <Text className="t-muted">{times(l)}</Text>
                </View>
              </View>
              {confirmable(l) && (
                <View
                  className={
                    picked.includes(l.userId) ? 'roster__check roster__check--on btn' : 'roster__check btn'
                  }
                  ariaRole="checkbox"
                  ariaLabel={`确认 ${l.name} 出勤`}
                  {...checked(picked.includes(l.userId))}
                  onClick={() => toggle(l.userId)}
                >
                  {picked.includes(l.userId) ? '✓' : ''}
                </View>
              )}
            </View>
          ))}
        </View>
      )}
      {message && (
        <View ariaRole="alert">
          <Text className="t-body">{message}</Text>
        </View>
      )}
      {checkedIn.length > 0 && (
        <View className="activity__actions">
          <Button className="btn" disabled={busy} onClick={() => setPicked(checkedIn)}>
            全选已签到（{checkedIn.length} 人）
          </Button>
          <Button className="btn" type="primary" disabled={busy} onClick={() => void confirm()}>
            确认出勤并发放积分{picked.length > 0 ? `（${picked.length} 人）` : ''}
          </Button>
        </View>
      )}
      {result && <ResultCard result={result} nameOf={nameOf} />}
    </View>
  )
}
