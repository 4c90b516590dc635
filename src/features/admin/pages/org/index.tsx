import { grantOver, holdsOver, isAdminOf } from '@core/access'
import { View, Text, Textarea } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { OrgItem } from '@core/admin/api'
import type { ApiInput } from '@core/api'
import { boundaryToText, parseBoundaryText } from '@core/admin/boundary'
import { ManagedBy, type ManagedLevel } from '@core/admin/rules'
import type { JoinPolicy } from '@core/org/model'
import type { RoleGrant } from '@core/roles'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { notStaff, StaffOnlyPage } from '../../../../components/StaffOnly'
import { Button } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { newRequestId } from '../../../../services/request-id'
import { StreetCard } from './StreetCard'
import { Notice } from '../../../../components/Notice'
import './index.scss'

const LEVEL_LABEL: Record<ManagedLevel, string> = {
  community: '社区',
  grid: '网格',
  building: '楼栋',
  unit: '单元',
}
const NEXT: Record<ManagedLevel, ManagedLevel | null> = {
  community: 'grid',
  grid: 'building',
  building: 'unit',
  unit: null,
}
const POLICY_OPTIONS: readonly { id: JoinPolicy; name: string }[] = [
  { id: 'auto', name: '自动通过' },
  { id: 'grid_worker', name: '网格员审核' },
  { id: 'building_leader', name: '楼栋长审核' },
]
const policyName = (p: JoinPolicy) => POLICY_OPTIONS.find((o) => o.id === p)?.name ?? p

/** One step of the drill-down: the children of `parentId` at `level`. */
interface Crumb {
  readonly level: ManagedLevel
  readonly parentId: string
  readonly title: string
}

type Editing =
  | { readonly kind: 'rename'; readonly item: OrgItem; readonly name: string }
  | { readonly kind: 'boundary'; readonly item: OrgItem & { level: 'grid' }; readonly text: string }
  | { readonly kind: 'policy'; readonly item: OrgItem & { level: 'community' } }
  | null

function detailsOf(item: OrgItem): string {
  switch (item.level) {
    case 'community':
      return `入格审核：${policyName(item.joinPolicy)}`
    case 'grid':
      return [
        `网格员：${item.workers.join('、') || '未设置'}`,
        `民警：${item.police?.name ?? '未设置'}`,
        `家庭医生：${item.doctor?.name ?? '未设置'}`,
        `边界：${item.boundary ? `${item.boundary.length} 个点` : '未设置'}`,
      ].join(' · ')
    case 'building':
      return `${item.unitCount} 个单元 · 楼栋长：${item.leaders.join('、') || '未设置'}`
    case 'unit':
      return ''
  }
}

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

  const mayCreate = here ? grants.some((g) => ManagedBy[here.level].includes(g.role)) : false

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
      setMessage(done)
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

      <Notice text={message} role="status" textClass="org__message" />

      {here && (
        <View className="card">
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
        <View
          key={item.id}
          className="card"
          ariaRole="region"
          ariaLabel={`${LEVEL_LABEL[item.level]}：${item.name}`}
        >
          <Text className="t-title">{item.name}</Text>
          {detailsOf(item) && (
            <View>
              <Text className="t-muted">{detailsOf(item)}</Text>
            </View>
          )}

          {editing?.item.id === item.id && editing.kind === 'rename' && (
            <View className="org__edit">
              <Field
                label="新名称"
                value={editing.name}
                maxlength={20}
                onInput={(name) => setEditing({ ...editing, name })}
              />
              <View className="org__actions">
                <Button
                  className="btn"
                  type="primary"
                  disabled={busy || editing.name.trim() === ''}
                  onClick={() =>
                    void run(
                      () =>
                        callApi('org.rename', { level: item.level, id: item.id, name: editing.name.trim() }),
                      `已改名为“${editing.name.trim()}”`,
                    )
                  }
                >
                  保存
                </Button>
                <Button className="btn" onClick={() => setEditing(null)}>
                  取消
                </Button>
              </View>
            </View>
          )}

          {editing?.item.id === item.id && editing.kind === 'policy' && item.level === 'community' && (
            <View className="org__edit">
              <ChoiceList
                label="新居民入格如何审核"
                options={POLICY_OPTIONS}
                selected={item.joinPolicy}
                onSelect={(o) =>
                  void run(
                    () =>
                      callApi('org.update', {
                        level: 'community',
                        id: item.id,
                        joinPolicy: o.id as JoinPolicy,
                      }),
                    `入格审核已改为“${o.name}”`,
                  )
                }
              />
              <Button className="btn" onClick={() => setEditing(null)}>
                取消
              </Button>
            </View>
          )}

          {editing?.item.id === item.id && editing.kind === 'boundary' && (
            <View className="org__edit">
              <Text className="t-body org__label">
                边界坐标（每行一个点：经度,纬度；GCJ-02，3–200 个点；清空则删除边界）
              </Text>
              <Textarea
                className="org__textarea t-body"
                value={editing.text}
                maxlength={10000}
                placeholder={'112.5489,37.8706\n112.5521,37.8706\n112.5521,37.8731'}
                ariaLabel="边界坐标，每行一个点：经度,纬度"
                nativeProps={{ 'aria-label': '边界坐标，每行一个点：经度,纬度' }}
                onInput={(e) => setEditing({ ...editing, text: e.detail.value })}
              />
              <View className="org__actions">
                <Button
                  className="btn"
                  type="primary"
                  disabled={busy}
                  onClick={() => saveBoundary(editing.item, editing.text)}
                >
                  保存边界
                </Button>
                <Button className="btn" onClick={() => setEditing(null)}>
                  取消
                </Button>
              </View>
            </View>
          )}

          {editing?.item.id !== item.id && (
            <View className="org__actions">
              {NEXT[item.level] && (
                <Button
                  className="btn"
                  type="primary"
                  onClick={() => open(item)}
                  ariaLabel={`进入${item.name}`}
                >
                  进入
                </Button>
              )}
              {grants.some((g) => ManagedBy[item.level].includes(g.role)) && (
                <Button
                  className="btn"
                  onClick={() => setEditing({ kind: 'rename', item, name: item.name })}
                  ariaLabel={`给${item.name}改名`}
                >
                  改名
                </Button>
              )}
              {item.level === 'community' && (
                <>
                  <Button
                    className="btn"
                    onClick={() => setEditing({ kind: 'policy', item })}
                    ariaLabel={`${item.name}的入格审核方式`}
                  >
                    审核方式
                  </Button>
                  <Button
                    className="btn"
                    onClick={() =>
                      void Taro.navigateTo({
                        url: `/features/admin/pages/import/index?communityId=${encodeURIComponent(item.id)}&communityName=${encodeURIComponent(item.name)}`,
                      })
                    }
                    ariaLabel={`向${item.name}批量导入楼栋`}
                  >
                    导入楼栋
                  </Button>
                  <Button
                    className="btn"
                    onClick={() =>
                      void Taro.navigateTo({
                        url: `/features/admin/pages/order-config/index?communityId=${encodeURIComponent(item.id)}&communityName=${encodeURIComponent(item.name)}`,
                      })
                    }
                    ariaLabel={`${item.name}的工单类别与时限`}
                  >
                    工单类别与时限
                  </Button>
                  {/* The love supermarket and fund are the community admin's own (street admins do not run them). */}
                  {isAdminOf(grants, item.id) && (
                    <>
                      <Button
                        className="btn"
                        onClick={() =>
                          void Taro.navigateTo({
                            url: `/features/market/pages/items/index?communityId=${encodeURIComponent(item.id)}`,
                          })
                        }
                        ariaLabel={`${item.name}的爱心超市管理`}
                      >
                        爱心超市
                      </Button>
                      <Button
                        className="btn"
                        onClick={() =>
                          void Taro.navigateTo({
                            url: `/features/market/pages/fund/index?communityId=${encodeURIComponent(item.id)}`,
                          })
                        }
                        ariaLabel={`${item.name}的社区基金`}
                      >
                        社区基金
                      </Button>
                      <Button
                        className="btn"
                        onClick={() =>
                          void Taro.navigateTo({
                            url: `/features/points/pages/admin/index?communityId=${encodeURIComponent(item.id)}`,
                          })
                        }
                        ariaLabel={`${item.name}的积分管理`}
                      >
                        积分管理
                      </Button>
                    </>
                  )}
                </>
              )}
              {item.level === 'grid' && (
                <>
                  <Button
                    className="btn"
                    onClick={() =>
                      setEditing({ kind: 'boundary', item, text: boundaryToText(item.boundary) })
                    }
                    ariaLabel={`设置${item.name}的边界`}
                  >
                    边界
                  </Button>
                  <Button
                    className="btn"
                    onClick={() =>
                      void Taro.navigateTo({
                        url: `/features/admin/pages/staff/index?scopeId=${encodeURIComponent(item.id)}`,
                      })
                    }
                    ariaLabel={`${item.name}的人员与角色`}
                  >
                    人员
                  </Button>
                  <Button
                    className="btn"
                    onClick={() =>
                      void Taro.navigateTo({
                        url: `/features/admin/pages/codes/index?gridId=${encodeURIComponent(item.id)}`,
                      })
                    }
                    ariaLabel={`${item.name}的入格二维码`}
                  >
                    二维码
                  </Button>
                </>
              )}
            </View>
          )}
        </View>
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
