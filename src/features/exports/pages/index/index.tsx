import { Picker, Text, View } from '@tarojs/components'
import { useEffect, useMemo, useState } from 'react'
import { placeIds } from '@core/access'
import type { ExportFile } from '@core/exports/api'
import { PresetLabel, Presets, presetPeriod, type Preset } from '@core/exports/period'
import { ExportKindLabel, ExportKinds, type ExportKind } from '@core/exports/rows'
import { chinaDay } from '@core/china-time'
import type { RoleGrant } from '@core/roles'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { openFile as openExport } from '../../../../services/open-file'
import '../../exports.scss'

/** A place the caller may export: a whole street (`street:<id>`) or one community (`community:<id>`). */
interface ScopeOption {
  readonly id: string
  readonly name: string
}

type PeriodChoice = Preset | 'custom'

const KIND_OPTIONS = ExportKinds.map((k) => ({ id: k, name: ExportKindLabel[k] }))
const PERIOD_OPTIONS = [
  ...Presets.map((p) => ({ id: p, name: PresetLabel[p] })),
  { id: 'custom', name: '自选日期' },
]

/** The street admin's streets (whole, or one community each) and the community admin's communities. */
function useScopes(roles: readonly RoleGrant[] | null): { options: ScopeOption[]; error: string | null } {
  const [options, setOptions] = useState<ScopeOption[]>([])
  const [error, setError] = useState<string | null>(null)
  const key = JSON.stringify(roles ?? [])
  useEffect(() => {
    if (!roles) return
    let live = true
    const streets = placeIds(roles, 'street_admin', 'street')
    const mine = new Set(placeIds(roles, 'community_admin', 'community'))
    const theirStreets = placeIds(roles, 'community_admin', 'street').filter((s) => !streets.includes(s))
    Promise.all(
      [...streets, ...theirStreets].map(async (streetId) => {
        const communities = await callApi('join.options', { level: 'community', parentId: streetId })
        if (streets.includes(streetId))
          return [
            { id: `street:${streetId}`, name: '全街道' },
            ...communities.map((c) => ({ id: `community:${c.id}`, name: c.name })),
          ]
        return communities
          .filter((c) => mine.has(c.id))
          .map((c) => ({ id: `community:${c.id}`, name: c.name }))
      }),
    ).then(
      (lists) => live && setOptions(lists.flat()),
      (e: unknown) => live && setError(failureCopy(e, '加载失败，请重试')),
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the grants' content, not their identity
  }, [key])
  return { options, error }
}

/** A date picker drawn as a big box whose name is its own text. */
function DayPicker(props: {
  readonly label: string
  readonly value: string
  readonly last: string
  readonly onChange: (day: string) => void
}) {
  return (
    <Picker
      mode="date"
      value={props.value}
      end={props.last}
      onChange={(e) => props.onChange(String(e.detail.value))}
    >
      <View className="exports__picker btn" ariaRole="button" ariaLabel={`${props.label}：${props.value}`}>
        <Text className="t-body">
          {props.label}：{props.value}
        </Text>
      </View>
    </Picker>
  )
}

/**
 * 数据导出 (community and street admins, from 我的): pick what, the period and the place, then one
 * primary button makes the Excel file in the function; the same button then opens it (H5: the
 * browser's download; WeChat: its document viewer).
 */
export default function ExportsPage() {
  const profile = useProfile()
  const roles = profile.status === 'ready' ? profile.profile.roles : null
  const scopes = useScopes(roles)
  const today = chinaDay(new Date())
  const [kind, setKind] = useState<ExportKind>('orders')
  const [period, setPeriod] = useState<PeriodChoice>('month')
  const [days, setDays] = useState(() => presetPeriod('month', new Date()))
  const [scope, setScope] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [file, setFile] = useState<ExportFile | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const chosenScope = scope ?? scopes.options[0]?.id ?? null
  const range = useMemo(() => (period === 'custom' ? days : presetPeriod(period, new Date())), [period, days])
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setFile(null)
      setMessage(null)
    }

  const make = async () => {
    if (!chosenScope) return
    setBusy(true)
    setMessage(null)
    const [level, id] = chosenScope.split(':') as ['street' | 'community', string]
    try {
      const made =
        level === 'street'
          ? await callApi('export.street', { kind, streetId: id, from: range.from, to: range.to })
          : await callApi('export.community', { kind, communityId: id, from: range.from, to: range.to })
      setFile(made)
      setMessage(`已生成 ${made.fileName}（${made.rows} 行）`)
    } catch (e) {
      setMessage(failureCopy(e, '导出失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const open = (f: ExportFile) =>
    void openExport(f).then((r) => r === 'failed' && setMessage('文件打开失败，请重新导出'))

  if (profile.status !== 'ready')
    return (
      <Page label="数据导出" className="exports">
        <Text className="t-muted">正在加载…</Text>
      </Page>
    )
  const admin =
    placeIds(profile.profile.roles, 'community_admin', 'community').length > 0 ||
    placeIds(profile.profile.roles, 'street_admin', 'street').length > 0
  if (!admin)
    return (
      <Page label="数据导出" className="exports">
        <View className="card">
          <Text className="t-body">此页面仅供社区和街道管理员使用</Text>
        </View>
      </Page>
    )
  return (
    <Page label="数据导出" className="exports">
      <Notice text={scopes.error} />
      <View className="card">
        <ChoiceList
          label="导出内容"
          options={KIND_OPTIONS}
          selected={kind}
          onSelect={(o) => changed(setKind)(o.id as ExportKind)}
        />
      </View>
      <View className="card">
        <ChoiceList
          label="时间范围"
          options={PERIOD_OPTIONS}
          selected={period}
          onSelect={(o) => changed(setPeriod)(o.id as PeriodChoice)}
        />
        {period === 'custom' ? (
          <View className="exports__days">
            <DayPicker
              label="开始日期"
              value={days.from}
              last={today}
              onChange={(d) => changed(setDays)({ ...days, from: d })}
            />
            <DayPicker
              label="结束日期"
              value={days.to}
              last={today}
              onChange={(d) => changed(setDays)({ ...days, to: d })}
            />
          </View>
        ) : (
          <Text className="t-muted">
            {range.from} 至 {range.to}
          </Text>
        )}
        {kind === 'league' ? (
          <View>
            <Text className="t-muted">网格排行统计所选时间内收到的工单</Text>
          </View>
        ) : null}
      </View>
      {scopes.options.length > 1 ? (
        <View className="card">
          <ChoiceList
            label="导出范围"
            options={scopes.options}
            selected={chosenScope}
            onSelect={(o) => changed(setScope)(o.id)}
          />
        </View>
      ) : scopes.options[0] ? (
        <View className="card">
          <Text className="t-body">导出范围：{scopes.options[0].name}</Text>
        </View>
      ) : null}
      <Notice text={message} role={file ? 'status' : 'alert'} />
      <View className="card">
        <Text className="t-muted exports__file">
          表格中的姓名已隐去部分（如 王**），不含电话和门牌号；每次导出都会记入居民可查看的访问记录。
        </Text>
        {file ? (
          <Button className="btn" type="primary" block onClick={() => open(file)}>
            打开文件
          </Button>
        ) : (
          <Button
            className="btn"
            type="primary"
            block
            disabled={busy || !chosenScope}
            onClick={() => void make()}
          >
            {busy ? '正在导出…' : '导出 Excel'}
          </Button>
        )}
      </View>
    </Page>
  )
}
