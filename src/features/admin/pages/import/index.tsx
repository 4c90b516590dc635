import { AdminRoles, grantOver } from '@core/access'
import { View, Text, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ImportResult } from '@core/admin/api'
import { IMPORT_MAX_ROWS } from '@core/org/building-import'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Page } from '../../../../components/Page'
import { notStaff, StaffOnlyPage } from '../../../../components/StaffOnly'
import { Button } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy, ServiceError } from '../../../../services/cloud'
import { callApi } from '../../api'
import { canPickFile, pickCsvFile } from './pick-csv'
import './index.scss'

/**
 * The template admins copy: the header row and two example lines naming one of the community's own
 * grids, so that pasting the template as it is imports (a made-up grid name would be refused).
 */
export function csvTemplate(gridName = '第1网格'): string {
  return `网格,楼栋,单元数\n${gridName},13号楼,2\n${gridName},14号楼,3\n`
}

interface LineProblem {
  readonly line: string
  readonly message: string
}

/** `line 3` → `第 3 行`. */
function lineLabel(path: string | undefined): string {
  const n = /^line (\d+)$/.exec(path ?? '')?.[1]
  return n ? `第 ${n} 行` : ''
}

/** 批量导入楼栋: paste (or on weapp pick) a CSV; all lines are checked, nothing is imported on any error. */
export default function ImportPage() {
  const { params } = useRouter()
  const profile = useProfile()
  const [community, setCommunity] = useState<{ id: string; name: string } | null>(
    params.communityId
      ? { id: params.communityId, name: decodeURIComponent(params.communityName ?? '') }
      : null,
  )
  const [communities, setCommunities] = useState<readonly { id: string; name: string }[] | null>(null)
  const [csv, setCsv] = useState('')
  const [problems, setProblems] = useState<readonly LineProblem[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [gridName, setGridName] = useState<string | undefined>(undefined)
  const template = csvTemplate(gridName)

  // Without a community in the link, offer the communities the admin manages.
  const streetId =
    profile.status === 'ready' ? grantOver(profile.profile.roles, AdminRoles)?.scope.streetId : undefined
  useEffect(() => {
    if (community || !streetId) return
    callApi('org.children', { level: 'community', parentId: streetId }).then(
      (list) => {
        setCommunities(list)
        const only = list[0]
        if (list.length === 1 && only) setCommunity({ id: only.id, name: only.name })
      },
      (err: unknown) => setMessage(failureCopy(err, '加载社区失败，请重试')),
    )
  }, [community, streetId])

  // The template names the chosen community's first grid.
  useEffect(() => {
    if (!community) return
    let live = true
    callApi('org.children', { level: 'grid', parentId: community.id }).then(
      (grids) => {
        if (live) setGridName(grids[0]?.name)
      },
      () => undefined, // the template then keeps its generic name; the import itself still checks
    )
    return () => {
      live = false
    }
  }, [community])

  const copyTemplate = async () => {
    try {
      await Taro.setClipboardData({ data: template })
      setMessage('模板已复制，可粘贴到表格软件或下方输入框')
    } catch {
      setMessage('复制失败，请手动输入表头：网格,楼栋,单元数')
    }
  }

  const pickFile = async () => {
    try {
      const text = await pickCsvFile()
      if (text !== null) {
        setCsv(text)
        setMessage('已读取文件，请检查后点“开始导入”')
      }
    } catch {
      setMessage('读取文件失败，请确认是 UTF-8 编码的 CSV 文件')
    }
  }

  const submit = async () => {
    if (!community) return setMessage('请先选择社区')
    setBusy(true)
    setProblems([])
    setResult(null)
    setMessage(null)
    try {
      const done = await callApi('org.import', { communityId: community.id, csv })
      setResult(done)
      setCsv('')
    } catch (err) {
      if (err instanceof ServiceError && err.details.length > 0) {
        setProblems(err.details.map((d) => ({ line: lineLabel(d.path), message: d.message })))
      }
      setMessage(failureCopy(err, '导入失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  if (notStaff(profile)) return <StaffOnlyPage label="批量导入楼栋" />
  return (
    <Page label="批量导入楼栋">
      <View className="card" ariaRole="region" ariaLabel="导入说明">
        <Text className="t-title">表格格式</Text>
        <View>
          <Text className="t-body">
            第一行是表头“网格,楼栋,单元数”（也可写
            grid,building,units），之后每行一栋楼，用英文逗号分隔，文件用 UTF-8 编码。
          </Text>
        </View>
        <View className="import__rules" ariaRole="list">
          <View ariaRole="listitem">
            <Text className="t-body">· 网格：本社区网格的名称，须与系统中一致</Text>
          </View>
          <View ariaRole="listitem">
            <Text className="t-body">· 楼栋：不超过 20 个字，同一网格内不能重名</Text>
          </View>
          <View ariaRole="listitem">
            <Text className="t-body">· 单元数：1–20，自动建成“1单元…N单元”</Text>
          </View>
          <View ariaRole="listitem">
            <Text className="t-body">· 一次最多 {IMPORT_MAX_ROWS} 行；有任何一行出错，整批都不导入</Text>
          </View>
          <View ariaRole="listitem">
            <Text className="t-body">· 网络中断时，再次提交同样的内容会接着完成，不会重复导入</Text>
          </View>
        </View>
        <View className="import__example" ariaLabel="示例">
          <Text className="import__code" userSelect>
            {template}
          </Text>
        </View>
        <Button className="btn" block onClick={() => void copyTemplate()}>
          复制模板
        </Button>
      </View>

      {!community && communities && communities.length > 1 && (
        <View className="card">
          <ChoiceList
            label="导入到哪个社区"
            options={communities}
            selected={null}
            onSelect={(o) => setCommunity(o)}
          />
        </View>
      )}

      <View className="card">
        <Text className="t-title">
          {community ? `导入到：${community.name || '所选社区'}` : '请先选择社区'}
        </Text>
        <View className="import__field">
          <Text className="t-body import__label">粘贴 CSV 内容</Text>
          <Textarea
            className="import__textarea t-body"
            value={csv}
            maxlength={200000}
            placeholder={template.split('\n').slice(0, 2).join('\n')}
            ariaLabel="粘贴 CSV 内容"
            nativeProps={{ 'aria-label': '粘贴 CSV 内容' }}
            onInput={(e) => setCsv(e.detail.value)}
          />
        </View>
        {canPickFile && (
          <Button className="btn" block onClick={() => void pickFile()}>
            从聊天记录选择 CSV 文件
          </Button>
        )}
        <Button
          className="btn import__submit"
          type="primary"
          block
          disabled={busy || !community || csv.trim() === ''}
          onClick={() => void submit()}
        >
          {busy ? '正在导入…' : '开始导入'}
        </Button>
      </View>

      {message && (
        <View className="card" ariaRole={problems.length > 0 ? 'alert' : 'status'}>
          <Text className="t-body">{message}</Text>
        </View>
      )}

      {problems.length > 0 && (
        <View className="card" ariaRole="region" ariaLabel={`共 ${problems.length} 处错误`}>
          <Text className="t-title">需要修改的行（共 {problems.length} 处）</Text>
          <View ariaRole="list" ariaLabel="错误列表">
            {problems.map((p, i) => (
              <View key={`${p.line}-${i}`} className="import__problem" ariaRole="listitem">
                <Text className="t-body">
                  {p.line ? `${p.line}：` : ''}
                  {p.message}
                </Text>
              </View>
            ))}
          </View>
        </View>
      )}

      {result && (
        <View className="card" ariaRole="status">
          <Text className="t-title">导入成功</Text>
          <View>
            <Text className="t-body">
              已导入 {result.buildings} 栋楼、{result.units} 个单元。
            </Text>
          </View>
          <Button className="btn" block onClick={() => void Taro.navigateBack()}>
            返回网格管理
          </Button>
        </View>
      )}
    </Page>
  )
}
