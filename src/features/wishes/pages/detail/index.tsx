import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { WishDetail } from '@core/wishes/api'
import type { WishMove } from '@core/wishes/machine'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PhotoStrip } from '../../../../components/PhotoStrip'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { newRequestId } from '../../../../services/request-id'
import { callApi } from '../../api'
import { ClaimForm, ConfirmForm, FulfilForm, PublishForm, ReasonForm } from '../../components/forms'
import '../../wishes.scss'

type Panel = 'none' | 'publish' | 'decline' | 'claim' | 'release' | 'fulfil' | 'redo' | 'confirm'

/** The one primary move of a state for the caller (the rest are plain buttons). */
const PRIMARY: readonly WishMove[] = ['publish', 'claim', 'fulfil', 'confirm', 'promote', 'reopen']

const LABEL: Readonly<Record<WishMove, string>> = {
  publish: '核实公示',
  decline: '不予公示',
  withdraw: '撤回心愿',
  claim: '我来认领',
  release: '放弃认领',
  fulfil: '心愿已实现',
  redo: '还没实现',
  confirm: '确认已实现',
  expire: '过期',
  reopen: '重新公示',
  promote: '转为居民议题',
}

/** Moves that run on one tap (with a confirmation), and what they say when done. */
const TAP: Partial<Record<WishMove, { ask: string; done: string }>> = {
  withdraw: { ask: '撤回后心愿将不再公示，确定撤回吗？', done: '已撤回' },
  reopen: { ask: '重新公示 30 天，确定吗？', done: '已重新公示' },
  promote: { ask: '这条建议将转为本网格的居民议题，由居民一起商议，确定吗？', done: '已转为居民议题' },
}

/**
 * 心愿详情: the card as the caller may see it (core decides: the wall sees the anonymised card; the
 * owner and staff the wish as posted; the claimant the family's contact while fulfilling it), and
 * exactly the moves the machine allows the caller, one of them primary.
 */
export default function WishDetailPage() {
  const wishId = useRouter().params.id ?? ''
  const {
    data: wish,
    setData,
    message,
    setMessage,
    reload,
  } = usePageData(wishId, () => (wishId ? callApi('wish.get', { wishId }) : null), {
    missing: '缺少心愿编号',
  })
  const [panel, setPanel] = useState<Panel>('none')
  const [busy, setBusy] = useState(false)

  const run = async (call: () => Promise<WishDetail>, done: string) => {
    setBusy(true)
    setMessage(null)
    try {
      setData(await call())
      setPanel('none')
      void Taro.showToast({ title: done, icon: 'none' })
    } catch (e) {
      setMessage(failureCopy(e, '操作失败，请重试'))
      reload()
    } finally {
      setBusy(false)
    }
  }

  const tap = async (move: WishMove) => {
    if (!wish) return
    const t = TAP[move]
    if (!t) return setPanel(move as Panel)
    const { confirm } = await Taro.showModal({ title: LABEL[move], content: t.ask })
    if (!confirm) return
    if (move === 'promote') {
      setBusy(true)
      try {
        const r = await callApi('wish.promote', { wishId: wish.wishId, requestId: newRequestId() })
        setData(r)
        void Taro.showToast({ title: t.done, icon: 'none' })
      } catch (e) {
        setMessage(failureCopy(e, '操作失败，请重试'))
      } finally {
        setBusy(false)
      }
      return
    }
    await run(
      () => callApi('wish.move', { wishId: wish.wishId, move: move as 'withdraw' | 'reopen' }),
      t.done,
    )
  }

  if (!wish) {
    return (
      <Page label="心愿详情">
        <Notice text={message} />
        {!message && <Text className="t-muted">正在加载…</Text>}
      </Page>
    )
  }
  const kind = wish.kind === 'suggestion' ? '建议' : '心愿'
  const back = () => setPanel('none')
  const form = { wish, busy, run, onBack: back }
  const primary = wish.can.find((m) => PRIMARY.includes(m))
  return (
    <Page label="心愿详情">
      <View className="card wish-card" ariaRole="region" ariaLabel={`${kind}：${wish.title}`}>
        <View className="wish-card__head">
          <Text className="t-title">{wish.title}</Text>
          <Text className="wish-status wish-status--open">{wish.statusLabel}</Text>
        </View>
        <View>
          <Text className="t-muted">
            {[
              wish.no ? `${kind}编号 ${wish.no}` : kind,
              wish.placeShown,
              wish.points > 0
                ? wish.status === 'closed'
                  ? `已发放 ${wish.points} 积分`
                  : `实现后 ${wish.points} 积分`
                : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </View>
        {wish.publicText && (
          <View>
            <Text className="t-body">{wish.publicText}</Text>
          </View>
        )}
        {wish.text && wish.text !== wish.publicText && (
          <View>
            <Text className="t-muted">{wish.publicText ? `原文：${wish.text}` : wish.text}</Text>
          </View>
        )}
        <PhotoStrip photos={wish.photos} label="心愿照片" />
        {wish.onBehalf && (
          <View>
            <Text className="t-muted">由网格员代困难家庭发布，由网格员代为确认。</Text>
          </View>
        )}
        {wish.reason && (
          <View>
            <Text className="t-body">
              {wish.status === 'declined' ? `未通过原因：${wish.reason}` : `说明：${wish.reason}`}
            </Text>
          </View>
        )}
        {wish.claimedBy && (
          <View>
            <Text className="t-body">认领：{wish.claimedBy}</Text>
          </View>
        )}
        {wish.group && (
          <View>
            <Text className="t-muted">团队成员：{wish.group.members.join('、')}</Text>
          </View>
        )}
        {wish.status === 'published' && wish.expiresAt && (
          <View>
            <Text className="t-muted">公示至 {wish.expiresAt.slice(0, 10)}</Text>
          </View>
        )}
      </View>

      {wish.contact && (
        <View className="card" ariaRole="region" ariaLabel="联系方式">
          <Text className="t-title">联系方式</Text>
          <View>
            <Text className="t-body">{`${wish.contact.name} · ${wish.contact.address}`}</Text>
          </View>
          {wish.contact.phone && (
            <Button
              className="btn"
              block
              onClick={() => void Taro.makePhoneCall({ phoneNumber: wish.contact?.phone ?? '' })}
            >
              {`拨打 ${wish.contact.phone}`}
            </Button>
          )}
          <Text className="t-muted">仅用于实现心愿，请勿外传。您的查看已记录。</Text>
        </View>
      )}

      {wish.fulfil && !wish.story && (
        <View className="card" ariaRole="region" ariaLabel="实现情况">
          <Text className="t-title">实现情况</Text>
          {wish.fulfil.note && (
            <View>
              <Text className="t-body">{wish.fulfil.note}</Text>
            </View>
          )}
          <PhotoStrip photos={wish.fulfil.photos} label="实现照片" />
        </View>
      )}

      {wish.story && (
        <View className="card" ariaRole="region" ariaLabel="心愿故事">
          <Text className="t-title">心愿故事</Text>
          <View className="wish__story">
            <Text className="t-body">{`${wish.story.claimantShown}帮${wish.story.residentShown}实现了“${wish.title}”。`}</Text>
            {wish.story.text && (
              <View>
                <Text className="t-body">{`“${wish.story.text}”`}</Text>
              </View>
            )}
          </View>
          <PhotoStrip photos={wish.story.photos} label="实现照片" />
        </View>
      )}

      {wish.topicId && (
        <View
          className="card"
          ariaRole="link"
          onClick={() =>
            void Taro.navigateTo({ url: `/features/deliberation/pages/topic/index?id=${wish.topicId}` })
          }
        >
          <Text className="t-body">已转为居民议题，去议事厅看看 ›</Text>
        </View>
      )}

      <Notice text={message} />

      {panel === 'publish' && <PublishForm {...form} />}
      {panel === 'claim' && <ClaimForm {...form} />}
      {panel === 'fulfil' && <FulfilForm {...form} />}
      {panel === 'confirm' && <ConfirmForm {...form} />}
      {panel === 'decline' && (
        <ReasonForm {...form} move="decline" label="不予公示" submit="确定" done="已告知居民" />
      )}
      {panel === 'redo' && (
        <ReasonForm {...form} move="redo" label="还没实现" submit="告诉认领人" done="已告诉认领人" />
      )}
      {panel === 'release' && (
        <ReasonForm
          {...form}
          move="release"
          label="放弃认领"
          submit="确定放弃"
          done="已放弃，心愿重新公示"
          optional
        />
      )}

      {panel === 'none' && wish.can.length > 0 && (
        <View className="wish__actions" ariaRole="group" ariaLabel="操作">
          {wish.can.map((m) => (
            <Button
              key={m}
              className="btn"
              type={m === primary ? 'primary' : 'default'}
              disabled={busy}
              onClick={() => void tap(m)}
            >
              {LABEL[m]}
            </Button>
          ))}
        </View>
      )}
    </Page>
  )
}
