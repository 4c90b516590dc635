import { grantOver, holdsOver } from '@core/access'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { OrgItem } from '@core/admin/api'
import type { ApiInput } from '@core/api'
import { parseBoundaryText } from '@core/admin/boundary'
import { ManagedBy } from '@core/admin/rules'
import type { RoleGrant } from '@core/roles'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { notStaff, StaffOnlyPage } from '../../../../components/StaffOnly'
import { Button } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { newRequestId } from '../../../../services/request-id'
import { ItemCard } from './ItemCard'
import { LEVEL_LABEL, NEXT, type Crumb, type Editing } from './levels'
import { StreetCard } from './StreetCard'
import { Notice, toast } from '../../../../components/Notice'
import './index.scss'

/** 网格管理: street → community → grid → building → unit; create, rename, join policy, grid boundary. */
export default function OrgPage() {
  const profile = useProfile()
  const grants: readonly RoleGrant[] = profile.status === 'ready' ? profile.profile.roles : []
  const streetId = grantOver(grants, ['street_admin', 'community_admin'])?.scope.streetId
  const [trail, setTrail] = useState<readonly Crumb[]>([])
  const [items, setItems] = useState<readonly OrgItem[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [editing, setEditing] = useState<Editing>(null)
  const [newName, setNewName] = useState('')
  const [requestId, setRequestId] = useState(newRequestId)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (streetId && trail.length === 0) setTrail([{ level: 'community', parentId: streetId, title: '社区' }])
  }, [streetId, trail.length])

  const here = trail[trail.length - 1]
  const load = useCallback(() => {
    if (!here) return
    setItems(null)
    callApi('org.children', { level: here.level, parentId: here.parentId }).then(setItems, (err: unknown) =>
      setMessage(failureCopy(err, '加载失败，请重试')),
    )
  }, [here])
  useEffect(load, [load])

  const mayCreate = here ? holdsOver(grants, ManagedBy[here.level]) : false

  const open = (item: OrgItem) => {
    const next = NEXT[item.level]
    if (!next) return
    setEditing(null)
    setMessage(null)
    setTrail((t) => [...t, { level: next, parentId: item.id, title: item.name }])
  }
  const back = (depth: number) => {
    setEditing(null)
    setMessage(null)
    setTrail((t) => t.slice(0, depth + 1))
  }

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    setMessage(null)
    try {
      await work()
      // A confirmation passes (a toast); errors stay on the page until the next try.
      toast(done)
      setEditing(null)
      load()
    } catch (err) {
      setMessage(failureCopy(err, '操作失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const create = () => {
    if (!here) return
    const name = newName.trim()
    void run(async () => {
      await callApi('org.create', {
        requestId,
        level: here.level,
        parentId: here.parentId,
        name,
      } as ApiInput<'org.create'>)
      setNewName('')
      setRequestId(newRequestId())
    }, `已新建${LEVEL_LABEL[here.level]}“${name}”`)
  }

  const saveBoundary = (item: OrgItem & { level: 'grid' }, text: string) => {
    if (text.trim() === '') {
      void run(() => callApi('org.update', { level: 'grid', id: item.id, boundary: null }), '已清除网格边界')
      return
    }
    const parsed = parseBoundaryText(text)
    if (!parsed.ok) {
      setMessage(
        parsed.errors.map((e) => (e.line > 0 ? `第 ${e.line} 行：${e.message}` : e.message)).join('\n'),
      )
      return
    }
    const boundary = parsed.polygon.map(([lng, lat]) => [lng, lat] as [number, number])
    void run(
      () => callApi('org.update', { level: 'grid', id: item.id, boundary }),
      `已保存边界（${boundary.length} 个点）`,
    )
  }

  if (notStaff(profile)) return <StaffOnlyPage label="网格管理" />

  if (profile.status === 'ready' && !streetId) {
    return (
      <Page label="网格管理">
        <View className="card" ariaRole="alert">
          <Text className="t-body">只有社区或街道管理员可以管理网格。</Text>
        </View>
      </Page>
    )
  }

  return (
    <Page label="网格管理">
      <View className="org__trail" ariaRole="navigation" ariaLabel="当前位置">
        {trail.map((c, i) => (
          <View
            key={`${c.level}-${c.parentId}`}
            className={i === trail.length - 1 ? 'org__crumb org__crumb--here btn' : 'org__crumb btn'}
            ariaRole="button"
            ariaLabel={i === trail.length - 1 ? `${c.title}（当前）` : `返回${c.title}`}
            onClick={() => back(i)}
          >
            <Text className="t-body">{c.title}</Text>
          </View>
        ))}
      </View>

      {trail.length === 1 && streetId && holdsOver(grants, 'street_admin', { streetId }) && (
        <StreetCard streetId={streetId} />
      )}

      <Notice text={message} textClass="org__message" />

      {here && (
        <View className="org__title">
          <Text className="t-title">
            {here.level === 'community' ? '社区' : `${here.title}的${LEVEL_LABEL[here.level]}`}
            {items ? `（${items.length}）` : ''}
          </Text>
          {here.level === 'building' && (
            <Button
              className="btn org__action"
              onClick={() =>
                void Taro.navigateTo({
                  url: `/features/admin/pages/staff/index?scopeId=${encodeURIComponent(here.parentId)}`,
                })
              }
            >
              本网格人员与角色
            </Button>
          )}
        </View>
      )}

      {items === null && !message && <Text className="t-muted">正在加载…</Text>}
      {items?.length === 0 && (
        <View className="card">
          <Text className="t-body">这里还没有{here ? LEVEL_LABEL[here.level] : ''}。</Text>
        </View>
      )}

      {items?.map((item) => (
        <ItemCard
          key={item.id}
          item={item}
          grants={grants}
          editing={editing}
          setEditing={setEditing}
          busy={busy}
          run={run}
          saveBoundary={saveBoundary}
          open={open}
        />
      ))}

      {here && mayCreate && items !== null && (
        <View className="card" ariaRole="region" ariaLabel={`新建${LEVEL_LABEL[here.level]}`}>
          <Field
            label={`新建${LEVEL_LABEL[here.level]}`}
            value={newName}
            maxlength={20}
            placeholder={
              { community: '如：幸福里社区', grid: '如：第7网格', building: '如：13号楼', unit: '如：3单元' }[
                here.level
              ]
            }
            onInput={setNewName}
          />
          <Button
            className="btn"
            type="primary"
            block
            disabled={busy || newName.trim() === ''}
            onClick={create}
          >
            新建
          </Button>
        </View>
      )}
    </Page>
  )
}
