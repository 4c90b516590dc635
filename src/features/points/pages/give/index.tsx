import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { GiftRecipients, TransferView } from '@core/points/api'
import { PointsErrors } from '@core/points/errors'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy, ServiceError } from '../../../../services/cloud'
import { callApi } from '../../api'
import { newRequestId } from '../../../../services/request-id'
import { shortDate } from '../../labels'
import { Notice } from '../../../../components/Notice'
import '../../points.scss'
import './give.scss'

const LOVE_CARD_URL = '/features/points/pages/index/index'
const NOTE_MAX = 50

/** One choice of recipient: the fund (`id` 'fund') or a neighbour (`id` their userId). */
interface Choice {
  readonly id: string
  readonly name: string
  readonly detail: string
}

/** A gift being confirmed: its request id is made once and kept for every retry of it. */
interface Confirming {
  readonly choice: Choice
  readonly amount: number
  readonly note: string
  readonly requestId: string
}

/** Failures that mean the balance or the list on screen is out of date. */
const STALE: ReadonlySet<string> = new Set<string>([
  PointsErrors.INSUFFICIENT,
  PointsErrors.NOT_IN_SCOPE,
  PointsErrors.NOT_MY_HELPER,
])

/** Taro maps `ariaChecked` to WeChat's aria-checked (and to the DOM attribute on H5); its typings lack it. */
const checked = (on: boolean) => ({ ariaChecked: on }) as object

function choicesOf(r: GiftRecipients): Choice[] {
  return [
    { id: 'fund', name: r.fundName, detail: '帮助社区里有困难的居民' },
    ...r.neighbours.map((n) => ({
      id: n.userId,
      name: n.name,
      detail: `帮我${n.typeLabel} · ${shortDate(n.at)}`,
    })),
  ]
}

/** What is wrong with the amount typed, or null: a whole number from 1 to my balance. */
function amountProblem(text: string, balance: number): string | null {
  const t = text.trim()
  if (!t) return '请填写要转赠的积分'
  if (!/^\d+$/.test(t)) return '积分应为整数'
  const n = Number(t)
  if (n < 1) return '至少转赠 1 分'
  if (n > balance) return `积分不足，您现在有 ${balance} 分`
  return null
}

/**
 * 转赠积分: my balance; choose whom (the community fund first, then the neighbours who served me);
 * how many points (whole, not above my balance) and a short note; confirm "把 N 分转给 X？" →
 * points.give (idempotent on a request id kept across retries) → thanks, and back to 我的爱心卡.
 */
export default function GivePointsPage() {
  const { data, message, reload } = usePageData('recipients', () => callApi('points.recipients', {}))
  const [selected, setSelected] = useState<string | null>(null)
  const [amount, setAmount] = useState('')
  const [note, setNote] = useState('')
  const [problems, setProblems] = useState<{ to?: string; amount?: string; note?: string }>({})
  const [confirming, setConfirming] = useState<Confirming | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<{ view: TransferView; name: string; fund: boolean } | null>(null)

  const choices = data ? choicesOf(data) : []
  const next = () => {
    if (!data) return
    const choice = choices.find((c) => c.id === selected)
    const found = {
      to: choice ? undefined : '请选择转给谁',
      amount: amountProblem(amount, data.balance) ?? undefined,
      note: note.trim().length > NOTE_MAX ? `留言不超过 ${NOTE_MAX} 个字` : undefined,
    }
    setProblems(found)
    if (!choice || found.amount || found.note) return
    setFailure(null)
    setConfirming({ choice, amount: Number(amount.trim()), note: note.trim(), requestId: newRequestId() })
  }

  const give = async () => {
    if (!confirming) return
    const { choice, amount: n, note: text, requestId } = confirming
    setBusy(true)
    setFailure(null)
    try {
      const view = await callApi('points.give', {
        to: choice.id === 'fund' ? 'fund' : { userId: choice.id },
        amount: n,
        ...(text ? { note: text } : {}),
        requestId,
      })
      setDone({ view, name: choice.name, fund: choice.id === 'fund' })
      setConfirming(null)
    } catch (e) {
      const code = e instanceof ServiceError ? e.code : null
      setFailure(
        code === PointsErrors.NOT_IN_SCOPE
          ? '这位邻居已不在本社区，无法转赠'
          : failureCopy(e, '转赠失败，请重试'),
      )
      if (code && STALE.has(code)) reload()
    } finally {
      setBusy(false)
    }
  }

  /** Back to the love card this page was opened from (it reloads when shown), else open it in place of this page. */
  const toLoveCard = () => {
    const pages = Taro.getCurrentPages()
    const previous = pages[pages.length - 2]?.route?.replace(/^\//, '')
    void (previous === LOVE_CARD_URL.slice(1) ? Taro.navigateBack() : Taro.redirectTo({ url: LOVE_CARD_URL }))
  }

  if (done) {
    const { view, name, fund } = done
    return (
      <Page label="转赠积分">
        <View className="card" ariaRole="status">
          <Text className="t-title">{view.retried ? '这笔转赠已经完成了' : '转赠成功'}</Text>
          <View>
            <Text className="t-body">
              {view.retried
                ? '不会重复扣分。'
                : fund
                  ? `您已把 ${view.amount} 分捐给${name}，谢谢您的爱心！`
                  : `您已把 ${view.amount} 分转给${name}，谢谢您的爱心！`}
            </Text>
          </View>
          <View className="points__actions points__gap">
            <Button className="btn" type="primary" onClick={toLoveCard}>
              回到我的爱心卡
            </Button>
          </View>
        </View>
      </Page>
    )
  }

  if (confirming) {
    const { choice, amount: n, note: text } = confirming
    return (
      <Page label="转赠积分">
        <View className="card" ariaRole="alertdialog" ariaLabel="确认转赠">
          <Text className="t-title">{`把 ${n} 分转给${choice.name}？`}</Text>
          {text ? (
            <View>
              <Text className="t-body">{`留言：${text}`}</Text>
            </View>
          ) : null}
          <View>
            <Text className="t-muted">转出后不能撤回。</Text>
          </View>
          {failure && (
            <View ariaRole="alert">
              <Text className="t-body points__error">{failure}</Text>
            </View>
          )}
          <View className="points__actions points__gap">
            <Button className="btn" type="primary" loading={busy} disabled={busy} onClick={() => void give()}>
              {failure ? '重试' : '确认转赠'}
            </Button>
            <Button className="btn" disabled={busy} onClick={() => setConfirming(null)}>
              返回修改
            </Button>
          </View>
        </View>
      </Page>
    )
  }

  return (
    <Page label="转赠积分">
      <View className="card" ariaRole="region" ariaLabel="我的积分">
        <Text className="t-body">我的积分</Text>
        <View>
          <Text className="points__balance">{data ? `${data.balance} 分` : '—'}</Text>
        </View>
        <View>
          <Text className="t-muted">可以转给帮您办过事的邻居表示感谢，也可以捐给社区爱心基金。</Text>
        </View>
      </View>
      <Notice text={message} />
      {!data && !message && <Text className="t-muted">正在加载…</Text>}
      {data && (
        <View className="card">
          <View ariaRole="radiogroup" ariaLabel="转给谁">
            <Text className="t-title">转给谁</Text>
            <View className="give__options">
              {choices.map((c) => (
                <View
                  key={c.id}
                  className={c.id === selected ? 'give__option btn give__option--on' : 'give__option btn'}
                  ariaRole="radio"
                  ariaLabel={`${c.name}，${c.detail}`}
                  {...checked(c.id === selected)}
                  onClick={() => {
                    setSelected(c.id)
                    setProblems((p) => ({ ...p, to: undefined }))
                  }}
                >
                  <View>
                    <Text className="t-body">{c.name}</Text>
                    <Text className="t-muted give__detail">{c.detail}</Text>
                  </View>
                  {c.id === selected && <Text className="give__tick">✓ 已选</Text>}
                </View>
              ))}
            </View>
            {data.neighbours.length === 0 && (
              <View className="points__gap">
                <Text className="t-muted">邻居帮您办完事、您确认完成后，就可以在这里给他转赠积分。</Text>
              </View>
            )}
            {problems.to && (
              <View ariaRole="alert">
                <Text className="t-body points__error">{problems.to}</Text>
              </View>
            )}
          </View>
          <View className="points__gap">
            <Field
              label="转赠积分"
              type="number"
              value={amount}
              onInput={setAmount}
              placeholder="填写整数"
              hint={`最多 ${data.balance} 分`}
              error={problems.amount ?? null}
            />
            <Field
              label="留言（可不填）"
              value={note}
              onInput={setNote}
              maxlength={NOTE_MAX}
              placeholder="谢谢您帮我…"
              hint={`不超过 ${NOTE_MAX} 个字`}
              error={problems.note ?? null}
            />
          </View>
          {data.balance === 0 && (
            <View>
              <Text className="t-muted">您现在没有积分可以转赠。</Text>
            </View>
          )}
          <Button className="btn" type="primary" block disabled={data.balance === 0} onClick={next}>
            下一步
          </Button>
        </View>
      )}
    </Page>
  )
}
