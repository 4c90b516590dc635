import { View, Text, Button as NativeButton } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { JoinTarget, MyJoin, NamedOption } from '@core/join/api'
import type { HouseholdSummary } from '@core/me/api'
import { ChoiceList } from '../../components/ChoiceList'
import { Field } from '../../components/Field'
import { Page } from '../../components/Page'
import { Button } from '../../components/ui'
import { callApi, failureCopy, ServiceError } from '../../services/cloud'
import { requirePrivacyConsent } from '../../services/privacy'
import { newRequestId } from '../../services/request-id'
import './index.scss'

type Level = 'street' | 'community' | 'grid' | 'building' | 'unit'
const LEVELS: readonly Level[] = ['street', 'community', 'grid', 'building', 'unit']
const LEVEL_LABEL: Record<Level, string> = {
  street: '街道',
  community: '社区',
  grid: '网格',
  building: '楼栋',
  unit: '单元',
}
type Picked = Partial<Record<Level, NamedOption>>

const HOUSEHOLD_PAGE = '/features/mine/pages/household/index'

const STATUS_COPY: Record<MyJoin['status'], string> = {
  pending: '已提交，等待网格员审核',
  approved: '已加入网格',
  rejected: '未通过审核',
  cancelled: '已撤回',
}

function pickedFromTarget(t: JoinTarget): Picked {
  return {
    street: t.street,
    community: t.community,
    grid: t.grid,
    ...(t.building ? { building: t.building } : {}),
  }
}

/**
 * 扫码入格: scanned code (scene) or manual picker → privacy consent → household form → status.
 * Members see where they live instead of the form, and may start a move (`move=1`, or the button).
 */
export default function JoinPage() {
  const { params } = useRouter()
  const scene = params.scene ?? ''
  const [move, setMove] = useState(params.move === '1')
  const [stage, setStage] = useState<'loading' | 'invalid' | 'status' | 'member' | 'consent' | 'form'>(
    'loading',
  )
  const [home, setHome] = useState<HouseholdSummary | null>(null)
  const [mine, setMine] = useState<MyJoin | null>(null)
  const [picked, setPicked] = useState<Picked>({})
  const [fixed, setFixed] = useState<Level | null>(null)
  const [options, setOptions] = useState<Partial<Record<Level, readonly NamedOption[]>>>({})
  const [room, setRoom] = useState('')
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [requestId] = useState(newRequestId)

  useEffect(() => {
    let live = true
    ;(async () => {
      try {
        const [profile, existing] = await Promise.all([callApi('me.profile', {}), callApi('join.mine', {})])
        if (!live) return
        setMine(existing)
        setHome(profile.household)
        if (existing?.status === 'pending') {
          setStage('status')
          return
        }
        // A dead code gets its clear page whoever scans it (members included).
        if (scene) {
          const target = await callApi('code.resolve', { scene })
          if (!live) return
          setPicked(pickedFromTarget(target))
          setFixed(target.building ? 'building' : 'grid')
        }
        setStage(profile.household && !move ? 'member' : 'consent')
      } catch (err) {
        if (!live) return
        if (err instanceof ServiceError && err.code === 'JOIN.CODE_INVALID') setStage('invalid')
        else {
          setError(failureCopy(err, '加载失败，请重试'))
          setStage('consent')
        }
      }
    })()
    return () => {
      live = false
    }
  }, [scene, move])

  // Load the options of the first level that is not chosen yet.
  const next = LEVELS.find((l) => !picked[l])
  useEffect(() => {
    if (stage !== 'form' || !next || options[next]) return
    const parent = LEVELS[LEVELS.indexOf(next) - 1]
    const parentId = parent ? picked[parent]?.id : '-'
    if (!parentId) return
    callApi('join.options', { level: next, parentId }).then(
      (list) => setOptions((o) => ({ ...o, [next]: list })),
      (err: unknown) => setError(failureCopy(err, '加载失败，请重试')),
    )
  }, [stage, next, picked, options])

  /** Choosing a level keeps the levels above it and forgets everything below. */
  const choose = (level: Level, option: NamedOption) => {
    const depth = LEVELS.indexOf(level)
    const above = (l: string) => LEVELS.indexOf(l as Level) < depth
    setPicked((p) => ({
      ...Object.fromEntries(Object.entries(p).filter(([l]) => above(l))),
      [level]: option,
    }))
    setOptions((o) =>
      Object.fromEntries(Object.entries(o).filter(([l]) => LEVELS.indexOf(l as Level) <= depth)),
    )
  }

  const consent = async () => {
    try {
      await requirePrivacyConsent()
      setStage('form')
    } catch {
      setError('需要同意隐私保护指引后才能填写信息')
    }
  }

  /** Editing a field takes back what was said about the last attempt: it may be fixed now. */
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value)
    setError(null)
  }

  const submit = async () => {
    const unit = picked.unit
    if (!unit) return setError('请选择单元')
    setBusy(true)
    setError(null)
    try {
      const result = await callApi('join.submit', {
        requestId,
        unitId: unit.id,
        room: room.trim(),
        name: name.trim(),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        consent: true,
        ...(scene ? { scene } : {}),
        ...(move && home ? { move: true } : {}),
      })
      setMine(result)
      setStage('status')
    } catch (err) {
      setError(failureCopy(err, '提交失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const withdraw = async () => {
    if (!mine) return
    setBusy(true)
    setError(null)
    try {
      const result = await callApi('join.cancel', { joinId: mine.joinId })
      setMine(result)
      setStage(home && !move ? 'member' : 'consent')
    } catch (err) {
      setError(failureCopy(err, '撤回失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  /** WeChat's phone-number button: its one-time code becomes the number (nothing stored yet). */
  const phoneFromWeChat = async (code: string | undefined) => {
    if (!code) return setError('未获取到手机号，您也可以手动填写或不填')
    setError(null)
    try {
      setPhone((await callApi('phone.fromCode', { code })).phone)
    } catch (err) {
      setError(failureCopy(err, '获取手机号失败，请手动填写'))
    }
  }

  return (
    <Page label="加入网格">
      {stage === 'loading' && <Text className="t-muted">正在加载…</Text>}

      {stage === 'invalid' && (
        <View className="card" ariaRole="alert">
          <Text className="t-title">该二维码已失效</Text>
          <View>
            <Text className="t-body">
              楼栋码可能已被更换。请扫描楼道里最新张贴的二维码，或手动选择小区加入。
            </Text>
          </View>
          <Button
            className="btn"
            type="primary"
            block
            onClick={() => void Taro.redirectTo({ url: '/pages/join/index' })}
          >
            手动选择小区
          </Button>
        </View>
      )}

      {stage === 'member' && home && (
        <View className="card" ariaRole="status">
          <Text className="t-title">
            您已加入{home.gridName} {home.buildingName}
            {home.unitName} {home.room}室
          </Text>
          <View>
            <Text className="t-body">如需搬到新的住处，可以申请迁移；审核通过前，您仍属于现在的家庭。</Text>
          </View>
          <View className="join__actions">
            <Button
              className="btn"
              type="primary"
              block
              onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}
            >
              返回首页
            </Button>
            <Button className="btn" block onClick={() => void Taro.navigateTo({ url: HOUSEHOLD_PAGE })}>
              我的家庭
            </Button>
            <Button className="btn" block onClick={() => setMove(true)}>
              {scene ? '迁移到扫码的楼栋' : '申请迁移到新住处'}
            </Button>
          </View>
        </View>
      )}

      {stage === 'status' && mine && (
        <View className="card" ariaRole="status">
          <Text className="t-title">
            {mine.move && mine.status === 'pending' ? '迁移申请已提交，等待审核' : STATUS_COPY[mine.status]}
          </Text>
          <View>
            <Text className="t-body">
              {mine.gridName} · {mine.buildingName}
              {mine.unitName} {mine.room}室
            </Text>
          </View>
          {mine.status === 'pending' && (
            <Text className="t-muted">
              {mine.move ? '审核通过后，您将迁入新的家庭。' : '审核通过后，首页将显示您的网格服务卡。'}
            </Text>
          )}
          <View className="join__actions">
            <Button
              className="btn"
              type="primary"
              block
              onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}
            >
              返回首页
            </Button>
            {mine.status === 'approved' && (
              <Button className="btn" block onClick={() => void Taro.navigateTo({ url: HOUSEHOLD_PAGE })}>
                我的家庭
              </Button>
            )}
            {mine.moves.includes('cancel') && (
              <Button className="btn" block disabled={busy} onClick={() => void withdraw()}>
                撤回申请
              </Button>
            )}
          </View>
        </View>
      )}

      {stage === 'consent' && (
        <View className="card">
          {mine?.status === 'rejected' && (
            <View className="join__notice" ariaRole="alert">
              <Text className="t-body">上次申请未通过：{mine.reason ?? '未说明原因'}</Text>
            </View>
          )}
          {move && home && (
            <View className="join__notice">
              <Text className="t-body">
                申请迁移：审核通过后，您将从{home.buildingName}
                {home.unitName} {home.room}室迁入新的家庭。
              </Text>
            </View>
          )}
          <Text className="t-title">隐私保护指引</Text>
          <View>
            <Text className="t-body">
              加入网格需要填写姓名、房号，手机号可不填。这些信息只用于网格员核实住户、联系服务；其他居民只能看到打码后的信息。您可以随时在“我的”中查看和删除。
            </Text>
          </View>
          <Button className="btn" type="primary" block onClick={() => void consent()}>
            同意并继续
          </Button>
        </View>
      )}

      {stage === 'form' && (
        <View className="card">
          <Text className="t-title">填写住户信息</Text>
          {fixed && (
            <View className="join__fixed">
              <Text className="t-body">
                {(['community', 'grid', 'building'] as const)
                  .map((l) => picked[l]?.name)
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </View>
          )}
          {LEVELS.filter((l) => !fixed || LEVELS.indexOf(l) > LEVELS.indexOf(fixed)).map((l) => {
            const list = options[l]
            const reachable = LEVELS.slice(0, LEVELS.indexOf(l)).every((p) => picked[p])
            if (!reachable || !list) return null
            return (
              <ChoiceList
                key={l}
                label={`选择${LEVEL_LABEL[l]}`}
                options={list}
                selected={picked[l]?.id ?? null}
                onSelect={(o) => choose(l, o)}
              />
            )
          })}
          {picked.unit && (
            <View>
              <Field label="房号" value={room} onInput={edit(setRoom)} placeholder="如 302" maxlength={8} />
              <Field
                label="姓名"
                value={name}
                onInput={edit(setName)}
                placeholder="请填写真实姓名"
                maxlength={20}
              />
              <Field
                label="手机号（选填）"
                value={phone}
                onInput={edit(setPhone)}
                type="number"
                maxlength={11}
                hint="只有网格员能看到完整号码"
              />
              {process.env.TARO_ENV === 'weapp' && (
                <NativeButton
                  className="btn join__phone"
                  openType="getPhoneNumber"
                  onGetPhoneNumber={(e) => void phoneFromWeChat(e.detail.code)}
                >
                  使用微信绑定的手机号
                </NativeButton>
              )}
              <Button
                className="btn"
                type="primary"
                block
                loading={busy}
                disabled={busy}
                onClick={() => void submit()}
              >
                {move && home ? '提交迁移申请' : '提交申请'}
              </Button>
            </View>
          )}
        </View>
      )}

      {error && stage !== 'invalid' && (
        <View className="card" ariaRole="alert">
          <Text className="t-body join__error">{error}</Text>
        </View>
      )}
    </Page>
  )
}
