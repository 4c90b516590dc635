import { AdminRoles, grantOver } from '@core/access'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import type { ApiInput } from '@core/api'
import type { ErrorDetail } from '@core/errors'
import {
  applyConfigure,
  boundsOf,
  CATEGORY_HINT_MAX,
  CATEGORY_NAME_MAX,
  SlaFieldLabel,
  slaValue,
  stateOfView,
  type ConfigurePatch,
  type OrderConfigView,
  type SlaField,
} from '@core/orders/config'
import { Tiers } from '@core/orders/model'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { notStaff, StaffOnlyPage } from '../../../../components/StaffOnly'
import { Button, Switch } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy, ServiceError } from '../../../../services/cloud'
import { callApi } from '../../api'
import { newRequestId } from '../../../../services/request-id'
import { OTHER_FIELDS, OTHER_HINT, slaPatchOf, slaTexts, TIER_TITLE } from './sla-texts'
import './index.scss'

interface Community {
  readonly id: string
  readonly name: string
}

interface NewCategory {
  readonly name: string
  readonly hint: string
  readonly hazard: boolean
}

/** 工单类别与时限: a community's report categories (show/hide, add its own) and its SLA table. */
export default function OrderConfigPage() {
  const { params } = useRouter()
  const profile = useProfile()
  const grants = profile.status === 'ready' ? profile.profile.roles : []
  const [community, setCommunity] = useState<Community | null>(
    params.communityId
      ? { id: params.communityId, name: decodeURIComponent(params.communityName ?? '') }
      : null,
  )
  const [communities, setCommunities] = useState<readonly Community[] | null>(null)
  const [view, setView] = useState<OrderConfigView | null>(null)
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
  const [added, setAdded] = useState<readonly NewCategory[]>([])
  const [draft, setDraft] = useState<NewCategory>({ name: '', hint: '', hazard: false })
  const [sla, setSla] = useState<Record<SlaField, string> | null>(null)
  const [gasPhone, setGasPhone] = useState('')
  const [errors, setErrors] = useState<readonly ErrorDetail[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [requestId, setRequestId] = useState(newRequestId)
  const [busy, setBusy] = useState(false)

  // Without a community in the link: admins pick among the communities they manage, a grid worker
  // sees the community of their grid.
  const adminStreet = grantOver(grants, AdminRoles)?.scope.streetId
  const workerCommunity = grantOver(grants, 'grid_worker')?.scope.communityId
  useEffect(() => {
    if (community) return
    if (adminStreet) {
      callApi('org.children', { level: 'community', parentId: adminStreet }).then(
        (list) => {
          setCommunities(list)
          const only = list[0]
          if (list.length === 1 && only) setCommunity({ id: only.id, name: only.name })
        },
        (err: unknown) => setMessage(failureCopy(err, '加载社区失败，请重试')),
      )
    } else if (workerCommunity) {
      setCommunity({ id: workerCommunity, name: '' })
    }
  }, [community, adminStreet, workerCommunity])

  const show = (v: OrderConfigView) => {
    setView(v)
    setHidden(new Set(v.categories.filter((c) => c.hidden).map((c) => c.id)))
    setAdded([])
    setSla(slaTexts(v))
    setGasPhone(v.gasRepairPhone ?? '')
  }
  useEffect(() => {
    if (!community) return
    setView(null)
    callApi('order.config', { communityId: community.id }).then(show, (err: unknown) =>
      setMessage(failureCopy(err, '加载失败，请重试')),
    )
  }, [community])

  const errorAt = (path: string) => errors.find((e) => e.path === path)?.message ?? null
  const errorsUnder = (prefix: string) =>
    errors.filter((e) => e.path === prefix || e.path?.startsWith(`${prefix}.`))

  const patch = useMemo((): (ConfigurePatch & Omit<ApiInput<'order.configure'>, 'communityId'>) | null => {
    if (!view || !sla) return null
    return {
      categories: {
        hidden: [...hidden],
        custom: added.map((c) => ({ name: c.name, hint: c.hint, hazard: c.hazard })),
      },
      sla: slaPatchOf(sla) as ApiInput<'order.configure'>['sla'],
      gasRepairPhone: gasPhone.trim(),
    }
  }, [view, sla, hidden, added, gasPhone])

  const addCategory = () => {
    if (!view) return
    // Same checks as saving, on the list with this one added: name length, characters, duplicates.
    const outcome = applyConfigure(stateOfView(view), { categories: { custom: [...added, draft] } })
    const own = outcome.ok
      ? []
      : outcome.details.filter(
          (d) => d.path?.startsWith(`categories.custom.${added.length}.`) || d.path === 'categories.custom',
        )
    if (own.length > 0) {
      setErrors(
        own.map((d) => ({ ...d, path: d.path?.replace(`categories.custom.${added.length}.`, 'draft.') })),
      )
      return
    }
    setErrors([])
    setAdded((a) => [...a, { name: draft.name.trim(), hint: draft.hint.trim(), hazard: draft.hazard }])
    setDraft({ name: '', hint: '', hazard: false })
    setMessage(`已添加“${draft.name.trim()}”，保存后生效`)
  }

  const step = (field: SlaField, by: number) => {
    if (!sla) return
    const { min, max } = boundsOf(field)
    const current = Number(sla[field])
    const next = Number.isFinite(current) ? Math.min(max, Math.max(min, Math.round(current) + by)) : min
    setSla({ ...sla, [field]: String(next) })
  }

  const save = async () => {
    if (!view || !community || !patch) return
    setMessage(null)
    const outcome = applyConfigure(stateOfView(view), patch)
    if (!outcome.ok) {
      setErrors(outcome.details)
      setMessage(`有 ${outcome.details.length} 处需要修改，未保存`)
      return
    }
    setErrors([])
    setBusy(true)
    try {
      const saved = await callApi('order.configure', { communityId: community.id, requestId, ...patch })
      show(saved)
      setRequestId(newRequestId())
      setMessage('已保存，新上报的工单按新设置办理')
    } catch (err) {
      if (err instanceof ServiceError && err.details.length > 0) setErrors(err.details)
      setMessage(failureCopy(err, '保存失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const editable = view?.editable === true
  const title = view?.communityName || community?.name || ''

  const slaField = (field: SlaField) => {
    if (!sla || !view) return null
    const label = SlaFieldLabel[field]
    const { min, max } = boundsOf(field)
    const fallback = slaValue(view.defaults, field)
    const hint = `${OTHER_HINT[field] ? `${OTHER_HINT[field]}。` : ''}可填 ${min}–${max}，默认 ${fallback}${view.overridden.includes(field) ? '（已修改）' : ''}`
    if (!editable) {
      return (
        <View key={field} className="oc__row" ariaLabel={`${label}：${sla[field]}`}>
          <Text className="t-body">{label}</Text>
          <Text className="t-body oc__value">{sla[field]}</Text>
        </View>
      )
    }
    return (
      <View key={field} className="oc__sla">
        <Field
          label={label}
          type="number"
          value={sla[field]}
          maxlength={3}
          hint={hint}
          error={errorAt(`sla.${field}`)}
          onInput={(value) => setSla({ ...sla, [field]: value })}
        />
        <View className="oc__steps">
          <Button className="btn" ariaLabel={`${label}减少 1`} onClick={() => step(field, -1)}>
            －
          </Button>
          <Button className="btn" ariaLabel={`${label}增加 1`} onClick={() => step(field, 1)}>
            ＋
          </Button>
        </View>
      </View>
    )
  }

  if (notStaff(profile)) return <StaffOnlyPage label="工单类别与时限" />
  return (
    <Page label="工单类别与时限">
      {!community && communities && communities.length > 1 && (
        <View className="card">
          <ChoiceList
            label="设置哪个社区"
            options={communities}
            selected={null}
            onSelect={(o) => setCommunity(o)}
          />
        </View>
      )}
      {!community && profile.status === 'ready' && !adminStreet && !workerCommunity && (
        <View className="card" ariaRole="alert">
          <Text className="t-body">只有社区、街道管理员和网格员可以查看工单设置。</Text>
        </View>
      )}

      {view && sla && (
        <>
          <View className="card" ariaRole="region" ariaLabel="问题类别">
            <Text className="t-title">{title ? `${title}的问题类别` : '问题类别'}</Text>
            <View>
              <Text className="t-muted">
                关闭后居民上报时不再显示该类别，已上报的工单不受影响，随时可以重新打开。“其他”始终显示。
              </Text>
            </View>
            <View ariaRole="list" ariaLabel="类别列表">
              {view.categories.map((c) => (
                <View key={c.id} className="oc__row" ariaRole="listitem">
                  <View className="oc__name">
                    <Text className="t-body">
                      {c.name}
                      {c.hazard ? '（安全隐患）' : ''}
                      {c.custom ? '（自定义）' : ''}
                    </Text>
                    {c.hint ? <Text className="t-muted oc__hint">{c.hint}</Text> : null}
                  </View>
                  {c.fixed ? (
                    <Text className="t-muted">始终显示</Text>
                  ) : editable ? (
                    <Switch
                      checked={!hidden.has(c.id)}
                      onChange={(on: boolean) =>
                        setHidden((h) => {
                          const next = new Set(h)
                          if (on) next.delete(c.id)
                          else next.add(c.id)
                          return next
                        })
                      }
                      ariaLabel={`显示“${c.name}”`}
                      loadingIcon={null}
                    />
                  ) : (
                    <Text className="t-muted">{hidden.has(c.id) ? '已隐藏' : '显示'}</Text>
                  )}
                </View>
              ))}
              {added.map((c, i) => (
                <View key={`new-${c.name}`} className="oc__row" ariaRole="listitem">
                  <View className="oc__name">
                    <Text className="t-body">
                      {c.name}
                      {c.hazard ? '（安全隐患）' : ''}（待保存）
                    </Text>
                    {errorAt(`categories.custom.${i}.name`) ? (
                      <View ariaRole="alert">
                        <Text className="field__error">{errorAt(`categories.custom.${i}.name`)}</Text>
                      </View>
                    ) : null}
                  </View>
                  <Button
                    className="btn"
                    ariaLabel={`不添加“${c.name}”`}
                    onClick={() => setAdded((a) => a.filter((_, j) => j !== i))}
                  >
                    移除
                  </Button>
                </View>
              ))}
            </View>
            {errorsUnder('categories.hidden').map((e, i) => (
              <View key={`h${i}`} ariaRole="alert">
                <Text className="field__error">{e.message}</Text>
              </View>
            ))}
          </View>

          {editable && (
            <View className="card" ariaRole="region" ariaLabel="添加类别">
              <Text className="t-title">添加本社区的类别</Text>
              <Field
                label="类别名称"
                value={draft.name}
                maxlength={CATEGORY_NAME_MAX}
                placeholder="如：文明养犬"
                hint={`不超过 ${CATEGORY_NAME_MAX} 个字，不能与已有类别重名`}
                error={errorAt('draft.name') ?? errorAt('categories.custom')}
                onInput={(name) => setDraft({ ...draft, name })}
              />
              <Field
                label="一句话说明（可不填）"
                value={draft.hint}
                maxlength={CATEGORY_HINT_MAX}
                placeholder="如：遛狗不牵绳、犬只扰民"
                hint={`不超过 ${CATEGORY_HINT_MAX} 个字，显示在类别名称下面`}
                error={errorAt('draft.hint')}
                onInput={(hint) => setDraft({ ...draft, hint })}
              />
              <View className="oc__row">
                <Text className="t-body">属于安全隐患（加急接单）</Text>
                <Switch
                  checked={draft.hazard}
                  onChange={(on: boolean) => setDraft({ ...draft, hazard: on })}
                  ariaLabel="属于安全隐患（加急接单）"
                  loadingIcon={null}
                />
              </View>
              <Button className="btn" block onClick={addCategory}>
                添加类别
              </Button>
            </View>
          )}

          {Tiers.map((t) => (
            <View key={t} className="card" ariaRole="region" ariaLabel={`${TIER_TITLE[t]}办理时限`}>
              <Text className="t-title">{TIER_TITLE[t]}办理时限</Text>
              <View>
                <Text className="t-muted">
                  工单到达{TIER_TITLE[t]}后，超过时限未接单或未答复，
                  {t === 'department' ? '列入督办' : '自动上报上一级'}。
                </Text>
              </View>
              {slaField(`tiers.${t}.acceptHours`)}
              {slaField(`tiers.${t}.replyDays`)}
            </View>
          ))}
          <View className="card" ariaRole="region" ariaLabel="其他时限">
            <Text className="t-title">其他时限</Text>
            {OTHER_FIELDS.map(slaField)}
          </View>

          <View className="card" ariaRole="region" ariaLabel="安全隐患求助电话">
            <Text className="t-title">安全隐患求助电话</Text>
            <View>
              <Text className="t-muted">
                居民选择安全隐患类别时，先看到求助电话：火警 119 始终显示，燃气抢修电话由本社区填写。
              </Text>
            </View>
            {editable ? (
              <Field
                label="燃气抢修电话（可不填）"
                value={gasPhone}
                maxlength={20}
                placeholder="如：96777 或 0571-87654321"
                hint="手机号、带区号的座机号或 95/96 开头的 5 位热线；清空则只显示 119"
                error={errorAt('gasRepairPhone')}
                onInput={setGasPhone}
              />
            ) : (
              <View className="oc__row" ariaLabel={`燃气抢修电话：${gasPhone || '未填写'}`}>
                <Text className="t-body">燃气抢修电话</Text>
                <Text className="t-body oc__value">{gasPhone || '未填写'}</Text>
              </View>
            )}
          </View>

          {editable && (
            <Button className="btn oc__save" type="primary" block disabled={busy} onClick={() => void save()}>
              {busy ? '正在保存…' : '保存设置'}
            </Button>
          )}
        </>
      )}

      {message && (
        <View className="card" ariaRole={errors.length > 0 ? 'alert' : 'status'}>
          <Text className="t-body">{message}</Text>
        </View>
      )}
    </Page>
  )
}
