import { grantOver, StaffRoles } from '@core/access'
import { View, Text, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import {
  ReportErrors,
  TEXT_MAX,
  type CategoryView,
  type HazardAdvice,
  type ReportReceipt,
  type SimilarOrder,
} from '@core/orders/api'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy } from '../../../../services/cloud'
import {
  REPORT_DRAFT,
  reportOutbox,
  type ReportDraft,
  type ReportDraftPayload,
} from '../../../../services/drafts-report'
import { errorCopy } from '../../../../services/error-copy'
import type { PickedPhoto } from '../../../../services/upload-rules'
import { callApi } from '../../api'
import type { PickedBuilding } from '../../components/BuildingPicker'
import { CategoryPicker } from '../../components/CategoryPicker'
import { HazardPrompt } from '../../components/HazardPrompt'
import { IntakeFields, type IntakeChannel } from '../../components/IntakeFields'
import { PhotoPicker } from '../../../../components/PhotoPicker'
import { PlacePicker } from '../../components/PlacePicker'
import { PublicConsent } from '../../components/PublicConsent'
import { MINE_URL, ReportPending, ReportSent } from '../../components/ReportOutcome'
import { SimilarOrders } from '../../components/SimilarOrders'
import { detailUrl } from '../../labels'
import { reportInputOf, type Pin, type Where } from '../../report-input'
import '../../reports.scss'

type Phase =
  | { readonly kind: 'edit' }
  | { readonly kind: 'similar'; readonly items: readonly SimilarOrder[] }
  | { readonly kind: 'sending' }
  | { readonly kind: 'pending'; readonly draftId: string; readonly copy: string | null }
  | { readonly kind: 'sent'; readonly receipt: ReportReceipt }

/**
 * 一键上报: category, description (voice input friendly), up to 9 photos, where, hide my name.
 * `?mode=intake`: staff register a report for a resident who phoned or walked in.
 * Choosing a hazard category first shows what to do in an emergency (HazardPrompt: 119, the
 * community's gas repair line), then the form.
 * The report is saved on the phone before it is sent and retried until the server answers;
 * "已提交" shows only after that answer.
 */
export default function ReportPage() {
  const router = useRouter()
  const profileState = useProfile()
  const profile = profileState.status === 'ready' ? profileState.profile : null
  const staffGrant = (profile && grantOver(profile.roles, StaffRoles)) ?? null
  const intake = router.params.mode === 'intake' && staffGrant !== null
  const household = profile?.household ?? null
  const communityId = intake ? (staffGrant?.scope.communityId ?? null) : (household?.path.communityId ?? null)
  const gridId = intake ? (staffGrant?.scope.gridId ?? null) : (household?.path.gridId ?? null)

  const [categories, setCategories] = useState<readonly CategoryView[] | null>(null)
  const [hazardAdvice, setHazardAdvice] = useState<HazardAdvice | undefined>(undefined)
  const [category, setCategory] = useState<CategoryView | null>(null)
  const [prompt, setPrompt] = useState<CategoryView | null>(null)
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<readonly PickedPhoto[]>([])
  const [where, setWhere] = useState<Where>('home')
  const [building, setBuilding] = useState<PickedBuilding | null>(null)
  const [pin, setPin] = useState<Pin | null>(null)
  const [hideName, setHideName] = useState(false)
  const [publicText, setPublicText] = useState(false)
  const [residentName, setResidentName] = useState('')
  const [residentPhone, setResidentPhone] = useState('')
  const [channel, setChannel] = useState<IntakeChannel>('phone')
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [phase, setPhase] = useState<Phase>({ kind: 'edit' })
  const [waiting, setWaiting] = useState(0)

  const outbox = useMemo(reportOutbox, [])

  useEffect(() => {
    if (profileState.status !== 'ready') return
    callApi('report.categories', intake && communityId ? { communityId } : {}).then(
      (r) => {
        setCategories(r.categories)
        setHazardAdvice(r.hazardAdvice)
      },
      (e: unknown) => setError(failureCopy(e, '问题类别加载失败，请返回重试')),
    )
  }, [profileState.status, intake, communityId])

  // Without a household (or at staff intake) the place must be picked.
  useEffect(() => {
    if (intake || (profile && !household)) setWhere('building')
  }, [intake, profile, household])

  // The draft being sent may be acknowledged later (network back): show it when it happens.
  useEffect(() => {
    const update = () => setWaiting(outbox.pendingCount(REPORT_DRAFT))
    update()
    return outbox.subscribe(() => {
      update()
      setPhase((p) => {
        if (p.kind !== 'pending') return p
        const d = outbox.get(p.draftId) as ReportDraft | null
        if (d?.state === 'sent' && d.result) return { kind: 'sent', receipt: d.result }
        return p
      })
    })
  }, [outbox])

  const pickCategory = (c: CategoryView) => {
    // A hazard opens with the emergency advice, each time it is newly chosen.
    if (c.hazard && category?.id !== c.id) setPrompt(c)
    setCategory(c)
    setError(null)
  }

  const input = (): ReportDraftPayload['input'] | null => {
    const checked = reportInputOf({
      category,
      text,
      photos,
      where,
      hasHome: household !== null,
      building,
      pin,
      hideName,
      publicText,
      intake: intake ? { name: residentName, phone: residentPhone, channel } : null,
    })
    if ('error' in checked) {
      setError(checked.error)
      return null
    }
    return checked.value
  }

  /** First tap: offer open orders of the same problem nearby; the person follows one or goes on. */
  const onSubmit = async () => {
    setError(null)
    const value = input()
    if (!value || !category) return
    if (!intake) {
      setBusy(true)
      try {
        const similar = await callApi('report.similar', {
          category: category.id,
          location: value.location ?? { kind: 'household' },
        })
        if (similar.length > 0) {
          setPhase({ kind: 'similar', items: similar })
          return
        }
      } catch {
        // Advisory only: a failure here must not stop the report.
      } finally {
        setBusy(false)
      }
    }
    await send(value)
  }

  const send = async (value: ReportDraftPayload['input'] | null = input()) => {
    if (!value || !category || !profile) return
    setBusy(true)
    setPhase({ kind: 'sending' })
    try {
      const draft = outbox.save<ReportDraftPayload>(
        REPORT_DRAFT,
        profile.userId,
        { input: value, categoryName: category.name },
        photos.map((p) => p.path),
      )
      const after = (await outbox.submit(draft.id)) as ReportDraft | null
      if (after?.state === 'sent' && after.result) setPhase({ kind: 'sent', receipt: after.result })
      else if (after?.state === 'failed') {
        // Refused: nothing was stored; the form keeps what was typed.
        outbox.remove(draft.id)
        setError(after.lastError?.copy ?? '提交失败，请检查后重试')
        setPhase({ kind: 'edit' })
      } else setPhase({ kind: 'pending', draftId: draft.id, copy: after?.lastError?.copy ?? null })
    } catch {
      setError('无法在手机上保存草稿，请检查存储空间后重试')
      setPhase({ kind: 'edit' })
    } finally {
      setBusy(false)
    }
  }

  const follow = async (item: SimilarOrder) => {
    setBusy(true)
    try {
      await callApi('report.follow', { orderId: item.orderId })
      setNotice('已关注，可在“我的上报”中查看办理进展')
      void Taro.redirectTo({ url: detailUrl(item.orderId) })
    } catch (e) {
      setError(failureCopy(e, '关注失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const retryNow = async (draftId: string) => {
    setBusy(true)
    const after = (await outbox.submit(draftId)) as ReportDraft | null
    setBusy(false)
    if (after?.state === 'sent' && after.result) setPhase({ kind: 'sent', receipt: after.result })
    else setPhase({ kind: 'pending', draftId, copy: after?.lastError?.copy ?? null })
  }

  const reset = () => {
    setCategory(null)
    setText('')
    setPhotos([])
    setPublicText(false)
    setResidentName('')
    setResidentPhone('')
    setError(null)
    setNotice(null)
    setPhase({ kind: 'edit' })
  }

  if (profileState.status === 'signed-out' || profileState.status === 'error') {
    return (
      <Page label="一键上报">
        <View className="card" ariaRole="alert">
          <Text className="t-body">
            {profileState.status === 'error' ? profileState.message : '请先登录后再上报'}
          </Text>
        </View>
      </Page>
    )
  }

  if (phase.kind === 'sent')
    return <ReportSent receipt={phase.receipt} notice={notice} setNotice={setNotice} onAnother={reset} />

  if (phase.kind === 'pending' || phase.kind === 'sending')
    return (
      <ReportPending
        pending={phase.kind === 'pending' ? { draftId: phase.draftId, copy: phase.copy } : null}
        busy={busy}
        onRetry={(draftId) => void retryNow(draftId)}
      />
    )

  if (phase.kind === 'similar')
    return (
      <SimilarOrders
        items={phase.items}
        error={error}
        busy={busy}
        onFollow={(s) => void follow(s)}
        onSendAnyway={() => void send()}
        onBack={() => setPhase({ kind: 'edit' })}
      />
    )

  if (profile && !household && !intake && !staffGrant) {
    return (
      <Page label="一键上报">
        <View className="card" ariaRole="alert">
          <Text className="t-body">{errorCopy(ReportErrors.NO_HOUSEHOLD)}</Text>
          <View className="report__actions">
            <Button
              className="btn"
              type="primary"
              onClick={() => void Taro.navigateTo({ url: '/pages/join/index' })}
            >
              加入网格
            </Button>
          </View>
        </View>
      </Page>
    )
  }

  const formReady = categories !== null || error !== null

  if (prompt)
    return <HazardPrompt category={prompt} advice={hazardAdvice} onContinue={() => setPrompt(null)} />

  return (
    <Page label={intake ? '代居民登记' : '一键上报'}>
      {waiting > 0 && (
        <View className="card" ariaRole="status">
          <Text className="t-body">您有 {waiting} 条上报待发送（网络恢复后自动提交）。</Text>
          <Button className="btn" onClick={() => void Taro.navigateTo({ url: MINE_URL })}>
            查看
          </Button>
        </View>
      )}
      {intake && (
        <IntakeFields
          name={residentName}
          setName={setResidentName}
          phone={residentPhone}
          setPhone={setResidentPhone}
          channel={channel}
          setChannel={setChannel}
          onEdit={() => setError(null)}
        />
      )}

      {/* The categories sit on the page as a WeUI grid of their own, above the form's card. */}
      <View className="report__cats">
        <CategoryPicker
          categories={categories}
          failed={error !== null}
          selected={category}
          onPick={pickCategory}
        />
        {category?.hazard && (
          <View className="report__hazard-note">
            <Text className="t-muted">紧急情况请先拨打 119，本上报按紧急工单处理。</Text>
            <Button className="btn" onClick={() => setPrompt(category)}>
              求助电话
            </Button>
          </View>
        )}
      </View>

      {/* The form below the categories appears with them, not before: painted first, it was pushed
          down the screen when they came in (layout shift 0.45, and a tap meant for it missed). */}
      {formReady && (
        <>
          <View className="card">
            <Text className="t-body report__label report__label--first">问题描述</Text>
            <Textarea
              className="report__textarea t-body"
              value={text}
              maxlength={TEXT_MAX}
              placeholder="说说在哪里、什么情况，如：3号楼2单元楼道有电动车飞线充电"
              ariaLabel="问题描述"
              nativeProps={{ 'aria-label': '问题描述' }}
              onInput={(e) => {
                setText(e.detail.value)
                setError(null)
              }}
            />
            <View>
              <Text className="t-muted">
                打字不方便？点输入法键盘上的“话筒”按钮，直接说话就能输入。（{[...text].length}/{TEXT_MAX}）
              </Text>
            </View>

            <PhotoPicker
              photos={photos}
              onChange={setPhotos}
              busy={busy}
              setBusy={setBusy}
              onNotice={setNotice}
            />
            {notice && (
              <View ariaRole="status">
                <Text className="t-muted">{notice}</Text>
              </View>
            )}
            {!intake && <PublicConsent on={publicText} onChange={setPublicText} />}
          </View>

          <PlacePicker
            intake={intake}
            homeLabel={
              household ? `我家（${household.buildingName}${household.unitName}${household.room}室）` : null
            }
            gridId={gridId}
            communityId={communityId}
            where={where}
            setWhere={setWhere}
            building={building}
            setBuilding={setBuilding}
            pin={pin}
            setPin={setPin}
            hideName={hideName}
            setHideName={setHideName}
            onEdit={() => setError(null)}
          />

          <Notice text={error} />
          <Button
            className="btn"
            type="primary"
            block
            disabled={busy || profile === null}
            onClick={() => void onSubmit()}
          >
            {intake ? '提交登记' : '提交上报'}
          </Button>
          {!intake && (
            <View className="report__actions">
              <Button className="btn" block onClick={() => void Taro.navigateTo({ url: MINE_URL })}>
                我的上报
              </Button>
            </View>
          )}
        </>
      )}
    </Page>
  )
}
