import { grantOver, StaffRoles } from '@core/access'
import { View, Text, Textarea, Image } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { parseInput } from '@core/contract/validate'
import { CommonErrorCodes, isDomainError } from '@core/errors'
import {
  ReportErrors,
  TEXT_MAX,
  checkReportDraft,
  orderActions,
  type CategoryView,
  type ReportReceipt,
  type SimilarOrder,
} from '@core/orders/api'
import type { OrderLocation } from '@core/orders/model'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { Button, Switch } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy, ServiceError } from '../../../../services/cloud'
import { callApi } from '../../api'
import {
  REPORT_DRAFT,
  reportOutbox,
  type ReportDraft,
  type ReportDraftPayload,
} from '../../../../services/drafts-report'
import { errorCopy } from '../../../../services/error-copy'
import { compressPhoto, pickPhotos } from '../../../../services/upload'
import { MAX_PHOTOS, admitPhotos, type PickedPhoto } from '../../../../services/upload-rules'
import { MAX_PHOTO_BYTES } from '@core/orders/api'
import { BuildingPicker, type PickedBuilding } from '../../components/BuildingPicker'
import { detailUrl, StatusLabel } from '../../labels'
import { subscribeFromTap, templateIdOf } from '../../subscribe'
import { Notice } from '../../../../components/Notice'
import '../../reports.scss'

const MINE_URL = '/features/reports/pages/mine/index'
const IS_WEAPP = process.env.TARO_ENV === 'weapp'

type Where = 'home' | 'building' | 'pin'
type Phase =
  | { readonly kind: 'edit' }
  | { readonly kind: 'similar'; readonly items: readonly SimilarOrder[] }
  | { readonly kind: 'sending' }
  | { readonly kind: 'pending'; readonly draftId: string; readonly copy: string | null }
  | { readonly kind: 'sent'; readonly receipt: ReportReceipt }

/** Taro maps `ariaChecked` to WeChat's aria-checked (and to the DOM attribute on H5); its typings lack it. */
const checked = (on: boolean) => ({ ariaChecked: on }) as object

/**
 * 一键上报: category, description (voice input friendly), up to 9 photos, where, hide my name.
 * `?mode=intake`: staff register a report for a resident who phoned or walked in.
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
  const [category, setCategory] = useState<CategoryView | null>(null)
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<readonly PickedPhoto[]>([])
  const [where, setWhere] = useState<Where>('home')
  const [building, setBuilding] = useState<PickedBuilding | null>(null)
  const [pin, setPin] = useState<{ lng: number; lat: number; label: string } | null>(null)
  const [hideName, setHideName] = useState(false)
  const [residentName, setResidentName] = useState('')
  const [residentPhone, setResidentPhone] = useState('')
  const [channel, setChannel] = useState<'phone' | 'walk_in'>('phone')
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [phase, setPhase] = useState<Phase>({ kind: 'edit' })
  const [waiting, setWaiting] = useState(0)

  const outbox = useMemo(reportOutbox, [])

  useEffect(() => {
    if (profileState.status !== 'ready') return
    callApi('report.categories', intake && communityId ? { communityId } : {}).then(
      (r) => setCategories(r.categories),
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

  const location = (): OrderLocation | null => {
    if (where === 'home') return household ? { kind: 'household' } : null
    if (where === 'building') return building ? { kind: 'building', buildingId: building.buildingId } : null
    return pin ? { kind: 'point', lng: pin.lng, lat: pin.lat, label: pin.label } : null
  }

  const addPhotos = async () => {
    setNotice(null)
    setBusy(true)
    try {
      const picked = await pickPhotos(MAX_PHOTOS - photos.length)
      const { accepted, notice: left } = admitPhotos(photos.length, picked)
      const ready: PickedPhoto[] = []
      let tooBig = 0
      for (const p of accepted) {
        const small = await compressPhoto(p.path)
        if (small.size > MAX_PHOTO_BYTES) tooBig++
        else ready.push(small)
      }
      setPhotos((cur) => [...cur, ...ready].slice(0, MAX_PHOTOS))
      setNotice(
        [left, tooBig ? `${tooBig} 张照片压缩后仍过大，未添加` : null].filter(Boolean).join('；') || null,
      )
    } catch {
      setNotice('无法读取照片，请重新选择')
    } finally {
      setBusy(false)
    }
  }

  const pickPin = async () => {
    try {
      const r = await Taro.chooseLocation({})
      setPin({ lng: r.longitude, lat: r.latitude, label: (r.name || r.address || '地图选点').slice(0, 50) })
      setWhere('pin')
    } catch {
      /* cancelled */
    }
  }

  const input = (): ReportDraftPayload['input'] | null => {
    if (!category) {
      setError(errorCopy(ReportErrors.UNKNOWN_CATEGORY))
      return null
    }
    const code = checkReportDraft({ text, photoCount: photos.length, photoBytes: photos.map((p) => p.size) })
    if (code) {
      setError(errorCopy(code))
      return null
    }
    const loc = location()
    if (!loc) {
      setError(where === 'pin' ? '请在地图上选择问题位置' : '请选择问题所在的楼栋')
      return null
    }
    const value: ReportDraftPayload['input'] = {
      category: category.id,
      text: text.trim(),
      location: loc,
      hideName,
      ...(intake
        ? {
            onBehalfOf: {
              name: residentName.trim(),
              channel,
              ...(residentPhone.trim() ? { phone: residentPhone.trim() } : {}),
            },
          }
        : {}),
    }
    try {
      // The same schema the function checks: a bad form never enters the outbox.
      parseInput(orderActions['report.submit'].input, { ...value, requestId: 'checkonly0', photos: [] })
    } catch (e) {
      setError(
        isDomainError(e)
          ? new ServiceError(e.code, e.message, e.details).copy
          : errorCopy(CommonErrorCodes.INVALID_INPUT),
      )
      return null
    }
    return value
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
    setResidentName('')
    setResidentPhone('')
    setError(null)
    setNotice(null)
    setPhase({ kind: 'edit' })
  }

  const progressIds = templateIdOf('orderProgress')

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

  if (phase.kind === 'sent') {
    const r = phase.receipt
    return (
      <Page label="上报结果">
        <View className="card" ariaRole="status">
          <Text className="t-title report__status--ok">已提交</Text>
          <View>
            <Text className="t-body">
              {r.held ? '已收到，内容需网格员审核后公开。' : '网格员会尽快接单处理，事事有回音。'}当前状态：
              {StatusLabel[r.status]}
            </Text>
          </View>
          <View className="report__actions">
            <Button
              className="btn"
              type="primary"
              onClick={() => void Taro.redirectTo({ url: detailUrl(r.orderId) })}
            >
              查看办理进度
            </Button>
            {progressIds.length > 0 && (
              <Button
                className="btn"
                onClick={() =>
                  void subscribeFromTap(
                    progressIds,
                    '已订阅：办理有进展时微信通知您',
                    '未订阅，您可在“我的上报”查看进度',
                  ).then(setNotice)
                }
              >
                订阅处理进度
              </Button>
            )}
            <Button className="btn" onClick={reset}>
              再报一件
            </Button>
          </View>
          {notice && <Text className="t-body">{notice}</Text>}
        </View>
      </Page>
    )
  }

  if (phase.kind === 'pending' || phase.kind === 'sending') {
    return (
      <Page label="上报结果">
        <View className="card" ariaRole="status">
          {phase.kind === 'sending' ? (
            <Text className="t-title">正在提交…</Text>
          ) : (
            <>
              <Text className="t-title report__status--wait">待发送（网络恢复后自动提交）</Text>
              <View>
                <Text className="t-body">
                  上报内容已保存在手机上，不会丢失。网络恢复或再次打开小程序时会自动提交，提交成功后显示“已提交”。
                </Text>
              </View>
              {phase.copy && (
                <View>
                  <Text className="t-muted">{phase.copy}</Text>
                </View>
              )}
              <View className="report__actions">
                <Button
                  className="btn"
                  type="primary"
                  disabled={busy}
                  onClick={() => void retryNow(phase.draftId)}
                >
                  立即重试
                </Button>
                <Button className="btn" onClick={() => void Taro.redirectTo({ url: MINE_URL })}>
                  查看我的上报
                </Button>
              </View>
            </>
          )}
        </View>
      </Page>
    )
  }

  if (phase.kind === 'similar') {
    return (
      <Page label="是同一个问题吗">
        <View className="card">
          <Text className="t-title">是同一个问题吗？</Text>
          <View>
            <Text className="t-body">
              附近已有邻居反映了同类问题。关注它，可在“我的上报”中查看办理进展，不用重复上报。
            </Text>
          </View>
        </View>
        <Notice text={error} />
        {phase.items.map((s) => (
          <View
            key={s.orderId}
            className="card"
            ariaRole="region"
            ariaLabel={`${s.categoryName}：${s.summary}`}
          >
            <Text className="t-title">{s.categoryName}</Text>
            <View>
              <Text className="t-body">{s.summary}</Text>
            </View>
            <View>
              <Text className="t-muted">
                {s.placeName} · {StatusLabel[s.status]} · {s.followers} 人关注
              </Text>
            </View>
            <View className="report__actions">
              <Button className="btn" type="primary" disabled={busy} onClick={() => void follow(s)}>
                是同一个问题，关注它
              </Button>
            </View>
          </View>
        ))}
        <View className="report__actions">
          <Button className="btn" block disabled={busy} onClick={() => void send()}>
            不是，继续提交我的上报
          </Button>
          <Button className="btn" block onClick={() => setPhase({ kind: 'edit' })}>
            返回修改
          </Button>
        </View>
      </Page>
    )
  }

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

  const homeLabel = household
    ? `我家（${household.buildingName}${household.unitName}${household.room}室）`
    : null
  const whereOptions = [
    ...(homeLabel && !intake ? [{ id: 'home', name: homeLabel }] : []),
    { id: 'building', name: building && where === 'building' ? `楼栋：${building.name}` : '选择楼栋' },
    ...(IS_WEAPP ? [{ id: 'pin', name: pin ? `地图：${pin.label}` : '在地图上选点' }] : []),
  ]

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
        <View className="card">
          <Text className="t-title">代居民登记</Text>
          <Field
            label="居民姓名"
            value={residentName}
            onInput={(v) => {
              setResidentName(v)
              setError(null)
            }}
            maxlength={20}
            placeholder="来电或来访居民的姓名"
          />
          <Field
            label="联系电话（选填）"
            value={residentPhone}
            onInput={(v) => {
              setResidentPhone(v)
              setError(null)
            }}
            type="number"
            maxlength={11}
          />
          <ChoiceList
            label="登记方式"
            options={[
              { id: 'phone', name: '电话' },
              { id: 'walk_in', name: '上门' },
            ]}
            selected={channel}
            onSelect={(o) => setChannel(o.id as 'phone' | 'walk_in')}
          />
        </View>
      )}

      <View className="card">
        <Text className="t-body report__label">遇到了什么问题？</Text>
        {categories === null && !error && <Text className="t-muted">正在加载类别…</Text>}
        <View className="report__grid" ariaRole="radiogroup" ariaLabel="问题类别">
          {categories?.map((c) => (
            <View
              key={c.id}
              className={`report__cat btn${category?.id === c.id ? ' report__cat--on' : ''}${c.hazard ? ' report__cat--hazard' : ''}`}
              ariaRole="radio"
              ariaLabel={c.hint ? `${c.name}，${c.hint}` : c.name}
              {...checked(category?.id === c.id)}
              onClick={() => {
                setCategory(c)
                setError(null)
              }}
            >
              <Text className="t-body">{c.name}</Text>
              {c.hint ? (
                <View>
                  <Text className="t-muted">{c.hint}</Text>
                </View>
              ) : null}
            </View>
          ))}
        </View>

        <Text className="t-body report__label">问题描述</Text>
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

        <Text className="t-body report__label">
          照片（选填，最多 {MAX_PHOTOS} 张，已选 {photos.length} 张）
        </Text>
        <View className="report__photos">
          {photos.map((p, i) => (
            <View key={p.path} className="report__photo">
              <Image
                className="report__photo-img"
                src={p.path}
                mode="aspectFill"
                ariaLabel={`第 ${i + 1} 张照片`}
              />
              <Button
                className="btn report__photo-remove"
                size="small"
                onClick={() => setPhotos((cur) => cur.filter((x) => x.path !== p.path))}
              >
                {`删除第${i + 1}张`}
              </Button>
            </View>
          ))}
        </View>
        {photos.length < MAX_PHOTOS && (
          <Button className="btn" disabled={busy} onClick={() => void addPhotos()}>
            添加照片
          </Button>
        )}
        {notice && (
          <View ariaRole="status">
            <Text className="t-muted">{notice}</Text>
          </View>
        )}
      </View>

      <View className="card">
        <ChoiceList
          label="问题在哪里？"
          options={whereOptions}
          selected={where}
          onSelect={(o) => {
            setError(null)
            if (o.id === 'pin') void pickPin()
            else setWhere(o.id as Where)
          }}
        />
        {where === 'building' && (
          <BuildingPicker
            gridId={gridId}
            communityId={communityId}
            selected={building?.buildingId ?? null}
            onPick={(b) => {
              setBuilding(b)
              setError(null)
            }}
          />
        )}
        {!intake && (
          <View className="report__switch">
            <Text className="t-body">不向公众显示我的姓名</Text>
            <Switch
              checked={hideName}
              onChange={(on: boolean) => setHideName(on)}
              ariaLabel="不向公众显示我的姓名"
              loadingIcon={null}
            />
          </View>
        )}
        {!intake && (
          <View>
            <Text className="t-muted">网格员等工作人员仍能看到您的姓名，以便联系您。</Text>
          </View>
        )}
      </View>

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
    </Page>
  )
}
