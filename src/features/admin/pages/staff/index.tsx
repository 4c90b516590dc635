import { grantOver } from '@core/access'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { OutsideContact, StaffPage, StaffPerson, StaffRole } from '@core/admin/api'
import { GrantableBy, GrantableRoles, StaffViewers } from '@core/admin/rules'
import type { NamedOption } from '@core/join/api'
import type { OrgLevel, OrgPath } from '@core/org/model'
import { can } from '@core/permissions'
import { RoleLabel, RoleScopeLevel, type Actor, type Role } from '@core/roles'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { notStaff, StaffOnlyPage } from '../../../../components/StaffOnly'
import { Button, Switch } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { Notice } from '../../../../components/Notice'
import './index.scss'

type Place = StaffPage['place']
const LEVEL_LABEL: Record<OrgLevel, string> = {
  street: '街道',
  community: '社区',
  grid: '网格',
  building: '楼栋',
  unit: '单元',
  household: '户',
}
const KEY: Partial<Record<OrgLevel, keyof OrgPath>> = {
  street: 'streetId',
  community: 'communityId',
  grid: 'gridId',
  building: 'buildingId',
}
const CHILD: Partial<Record<Place['level'], 'grid' | 'building'>> = { community: 'grid', grid: 'building' }

/** The deepest place of a staff grant: where this person's own list starts. */
function homeScopeId(actor: Actor): string | null {
  const grant = grantOver(
    actor,
    StaffViewers.filter((r) => r !== 'street_admin'),
  )
  const s = grant?.scope
  return s ? (s.buildingId ?? s.gridId ?? s.communityId ?? null) : null
}

/** Where `role` can be granted from this view: the place itself, its ancestor, or one of its children. */
function placesFor(role: Role, place: Place, children: readonly NamedOption[]): NamedOption[] {
  const level = RoleScopeLevel[role]
  const key = KEY[level]
  const id = key ? place.path[key] : undefined
  if (id) return [{ id, name: level === place.level ? place.name : `本${LEVEL_LABEL[level]}` }]
  return CHILD[place.level] === level ? [...children] : []
}

interface ContactForm {
  policeName: string
  policePhone: string
  doctorName: string
  doctorPhone: string
}
const toContact = (name: string, phone: string): OutsideContact | null =>
  name.trim() || phone.trim() ? { name: name.trim(), phone: phone.trim() } : null

/** 人员与角色: people of my place with full phone (logged), grant/revoke roles, police/doctor per grid. */
export default function StaffPageView() {
  const { params } = useRouter()
  const profile = useProfile()
  const actor: Actor = useMemo(
    () =>
      profile.status === 'ready'
        ? { userId: profile.profile.userId, grants: profile.profile.roles }
        : { userId: '', grants: [] },
    [profile],
  )
  const [stack, setStack] = useState<readonly string[]>(params.scopeId ? [params.scopeId] : [])
  const [page, setPage] = useState<StaffPage | null>(null)
  const [people, setPeople] = useState<readonly StaffPerson[]>([])
  const [children, setChildren] = useState<readonly NamedOption[]>([])
  const [communities, setCommunities] = useState<readonly NamedOption[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [granting, setGranting] = useState<{ userId: string; name: string } | null>(null)
  const [role, setRole] = useState<Role | null>(null)
  const [scopeId, setScopeId] = useState<string | null>(null)
  const [partyMember, setPartyMember] = useState(false)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [otherUserId, setOtherUserId] = useState('')
  const [contacts, setContacts] = useState<ContactForm | null>(null)

  // Where the list starts: the link's place, else my own grid/building/community; a street admin picks a community.
  useEffect(() => {
    if (stack.length > 0 || profile.status !== 'ready') return
    const home = homeScopeId(actor)
    if (home) return setStack([home])
    const street = grantOver(actor, 'street_admin')?.scope.streetId
    if (street) {
      callApi('org.children', { level: 'community', parentId: street }).then(setCommunities, (err: unknown) =>
        setMessage(failureCopy(err, '加载失败，请重试')),
      )
    } else setMessage('只有网格员、楼栋长和社区、街道管理员可以查看人员。')
  }, [stack.length, profile.status, actor])

  const current = stack[stack.length - 1]
  const load = useCallback(
    (cursor?: string) => {
      if (!current) return
      callApi('staff.list', cursor ? { scopeId: current, cursor } : { scopeId: current }).then(
        (res) => {
          setPage(res)
          setPeople((before) => (cursor ? [...before, ...res.items] : res.items))
        },
        (err: unknown) => setMessage(failureCopy(err, '加载失败，请重试')),
      )
    },
    [current],
  )
  useEffect(() => {
    setPage(null)
    setPeople([])
    setChildren([])
    setContacts(null)
    load()
  }, [load])

  // Children of the place (public names): to drill down and to grant roles one level below.
  const place = page?.place ?? null
  useEffect(() => {
    const level = place ? CHILD[place.level] : undefined
    if (!place || !level) return
    callApi('join.options', { level, parentId: place.id }).then(setChildren, () => setChildren([]))
  }, [place])

  // A grid's police officer and family doctor, for admins.
  const editsContacts = place?.level === 'grid' && can(actor, 'org.contacts')
  useEffect(() => {
    if (!place || !editsContacts || !place.path.communityId) return
    callApi('org.children', { level: 'grid', parentId: place.path.communityId }).then(
      (grids) => {
        const grid = grids.find((g) => g.id === place.id)
        if (grid?.level !== 'grid') return
        setContacts({
          policeName: grid.police?.name ?? '',
          policePhone: grid.police?.phone ?? '',
          doctorName: grid.doctor?.name ?? '',
          doctorPhone: grid.doctor?.phone ?? '',
        })
      },
      () => undefined,
    )
  }, [place, editsContacts])

  const myRoles = new Set(actor.grants.map((g) => g.role))
  const grantable = GrantableRoles.filter((r) => GrantableBy[r].some((g) => myRoles.has(g)))
  const offered = place ? grantable.filter((r) => placesFor(r, place, children).length > 0) : []

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    setMessage(null)
    try {
      await work()
      setMessage(done)
      setGranting(null)
      setConfirming(null)
      load()
    } catch (err) {
      setMessage(failureCopy(err, '操作失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const startGrant = (userId: string, name: string) => {
    setGranting({ userId, name })
    setRole(null)
    setScopeId(null)
    setPartyMember(false)
  }

  const grant = () => {
    if (!granting || !role || !scopeId) return
    const input = { userId: granting.userId, role, scopeId, ...(role === 'helper' ? { partyMember } : {}) }
    void act(() => callApi('role.grant', input), `已授予${granting.name}“${RoleLabel[role]}”身份`)
  }

  const revoke = (person: StaffPerson, r: StaffRole) => {
    const key = KEY[RoleScopeLevel[r.role]]
    const id = key ? r.scope[key] : undefined
    if (!id) return
    void act(
      () => callApi('role.revoke', { userId: person.userId, role: r.role, scopeId: id }),
      `已撤销${person.name}的“${RoleLabel[r.role]}”身份`,
    )
  }

  const saveContacts = () => {
    if (!place || !contacts) return
    void act(
      () =>
        callApi('org.contacts', {
          gridId: place.id,
          police: toContact(contacts.policeName, contacts.policePhone),
          doctor: toContact(contacts.doctorName, contacts.doctorPhone),
        }),
      '已保存民警和家庭医生',
    )
  }

  if (notStaff(profile)) return <StaffOnlyPage label="人员与角色" />
  return (
    <Page label="人员与角色">
      {communities && stack.length === 0 && (
        <View className="card">
          <ChoiceList
            label="选择社区"
            options={communities}
            selected={null}
            onSelect={(o) => setStack([o.id])}
          />
        </View>
      )}

      {place && (
        <View className="card">
          <Text className="t-title">
            {place.name}（{LEVEL_LABEL[place.level]}）
          </Text>
          <View>
            <Text className="t-muted">电话为完整号码，仅供工作联系；每次查看都会留痕。</Text>
          </View>
          {stack.length > 1 && (
            <Button className="btn staff__gap" onClick={() => setStack((s) => s.slice(0, -1))}>
              返回上一级
            </Button>
          )}
          {place.level === 'community' && children.length > 0 && (
            <View className="staff__gap">
              <ChoiceList
                label="按网格查看"
                options={children}
                selected={null}
                onSelect={(o) => setStack((s) => [...s, o.id])}
              />
            </View>
          )}
        </View>
      )}

      <Notice text={message} role="status" />

      {granting && place && (
        <View className="card" ariaRole="region" ariaLabel={`为${granting.name}授予身份`}>
          <Text className="t-title">为 {granting.name} 授予身份</Text>
          {offered.length === 0 ? (
            <View>
              <Text className="t-body">在这一级没有您可以授予的身份。</Text>
            </View>
          ) : (
            <ChoiceList
              label="身份"
              options={offered.map((r) => ({ id: r, name: RoleLabel[r] }))}
              selected={role}
              onSelect={(o) => {
                const r = o.id as Role
                setRole(r)
                const only = placesFor(r, place, children)
                setScopeId(only.length === 1 ? (only[0]?.id ?? null) : null)
              }}
            />
          )}
          {role && (
            <ChoiceList
              label={`在哪个${LEVEL_LABEL[RoleScopeLevel[role]]}`}
              options={placesFor(role, place, children)}
              selected={scopeId}
              onSelect={(o) => setScopeId(o.id)}
            />
          )}
          {role === 'helper' && (
            <View className="staff__switch">
              <Text className="t-body">是党员</Text>
              <Switch
                checked={partyMember}
                onChange={(on: boolean) => setPartyMember(on)}
                ariaLabel="是党员"
                loadingIcon={null}
              />
            </View>
          )}
          <View className="staff__actions">
            <Button className="btn" type="primary" disabled={busy || !role || !scopeId} onClick={grant}>
              确认授予
            </Button>
            <Button className="btn" onClick={() => setGranting(null)}>
              取消
            </Button>
          </View>
        </View>
      )}

      {page === null && current && !message && <Text className="t-muted">正在加载…</Text>}
      {page && people.length === 0 && (
        <View className="card">
          <Text className="t-body">这里还没有登记的人员。</Text>
        </View>
      )}

      <View ariaRole="list" ariaLabel="人员列表">
        {people.map((p) => (
          <View key={p.userId} className="card" ariaRole="listitem" ariaLabel={p.name}>
            <Text className="t-title">{p.name}</Text>
            {p.household && (
              <View>
                <Text className="t-body">
                  {p.household.buildingName}
                  {p.household.unitName} {p.household.room}室
                </Text>
              </View>
            )}
            <View className="staff__roles">
              {p.roles.map((r) => {
                const key = `${p.userId}:${r.role}:${r.scopeName}`
                const mayRevoke = r.role !== 'resident' && GrantableBy[r.role].some((g) => myRoles.has(g))
                return (
                  <View key={key} className="staff__role">
                    <Text className="t-body">
                      {RoleLabel[r.role]}
                      {r.role === 'helper' && p.partyMember ? '（党员）' : ''} · {r.scopeName}
                    </Text>
                    {mayRevoke &&
                      (confirming === key ? (
                        <Button className="btn" type="primary" disabled={busy} onClick={() => revoke(p, r)}>
                          确认撤销
                        </Button>
                      ) : (
                        <Button className="btn" onClick={() => setConfirming(key)}>
                          撤销
                        </Button>
                      ))}
                  </View>
                )
              })}
            </View>
            <View className="staff__actions">
              {p.phone && (
                <Button
                  className="btn"
                  onClick={() => void Taro.makePhoneCall({ phoneNumber: p.phone ?? '' })}
                >
                  拨打 {p.phone}
                </Button>
              )}
              {offered.length > 0 && (
                <Button className="btn" onClick={() => startGrant(p.userId, p.name)}>
                  授予身份
                </Button>
              )}
            </View>
          </View>
        ))}
      </View>
      {page?.nextCursor && (
        <Button className="btn" block onClick={() => load(page.nextCursor ?? undefined)}>
          加载更多
        </Button>
      )}

      {place && offered.length > 0 && (
        <View className="card" ariaRole="region" ariaLabel="给不在列表中的人授予身份">
          <Field
            label="给不在列表中的人授予身份"
            value={otherUserId}
            placeholder="对方“我的”页面中的用户编号"
            maxlength={64}
            onInput={setOtherUserId}
          />
          <Button
            className="btn"
            block
            disabled={otherUserId.trim() === ''}
            onClick={() => startGrant(otherUserId.trim(), otherUserId.trim())}
          >
            为此人授予身份
          </Button>
        </View>
      )}

      {editsContacts && contacts && (
        <View className="card" ariaRole="region" ariaLabel="片区民警和家庭医生">
          <Text className="t-title">片区民警和家庭医生</Text>
          <View>
            <Text className="t-muted">
              显示在本网格居民的服务卡上（电话打码，拨打时才显示）。清空姓名和电话即删除。
            </Text>
          </View>
          <Field
            label="民警姓名"
            value={contacts.policeName}
            maxlength={20}
            onInput={(v) => setContacts({ ...contacts, policeName: v })}
          />
          <Field
            label="民警电话"
            value={contacts.policePhone}
            maxlength={13}
            onInput={(v) => setContacts({ ...contacts, policePhone: v })}
          />
          <Field
            label="家庭医生姓名"
            value={contacts.doctorName}
            maxlength={20}
            onInput={(v) => setContacts({ ...contacts, doctorName: v })}
          />
          <Field
            label="家庭医生电话"
            value={contacts.doctorPhone}
            maxlength={13}
            onInput={(v) => setContacts({ ...contacts, doctorPhone: v })}
          />
          <Button className="btn" type="primary" block disabled={busy} onClick={saveContacts}>
            保存
          </Button>
        </View>
      )}
    </Page>
  )
}
