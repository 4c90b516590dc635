import { grantOver } from '@core/access'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { StaffPage, StaffPerson, StaffRole } from '@core/admin/api'
import { GrantableBy, GrantableRoles } from '@core/admin/rules'
import type { NamedOption } from '@core/join/api'
import { can } from '@core/permissions'
import { RoleLabel, RoleScopeLevel, type Actor } from '@core/roles'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { notStaff, StaffOnlyPage } from '../../../../components/StaffOnly'
import { Button } from '../../../../components/ui'
import { useProfile } from '../../../../hooks/use-profile'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { Notice, toast } from '../../../../components/Notice'
import { ContactsCard, toContact, type ContactForm } from './ContactsCard'
import { GrantCard, type GrantForm } from './GrantCard'
import { PersonCard } from './PersonCard'
import { CHILD, homeScopeId, KEY, LEVEL_LABEL, placesFor } from './places'
import './index.scss'

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
  const [granting, setGranting] = useState<GrantForm | null>(null)
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
      toast(done)
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
    setGranting({ userId, name, role: null, scopeId: null, partyMember: false, secretary: false })
  }

  const grant = () => {
    if (!granting) return
    const { role, scopeId, partyMember, secretary } = granting
    if (!role || !scopeId) return
    const input = {
      userId: granting.userId,
      role,
      scopeId,
      ...(role === 'helper' ? { partyMember } : {}),
      ...(role === 'council_member' ? { secretary } : {}),
    }
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

      <Notice text={message} />

      {granting && place && (
        <GrantCard
          form={granting}
          update={(patch) => setGranting((g) => g && { ...g, ...patch })}
          place={place}
          childPlaces={children}
          offered={offered}
          busy={busy}
          grant={grant}
          cancel={() => setGranting(null)}
        />
      )}

      {page === null && current && !message && <Text className="t-muted">正在加载…</Text>}
      {page && people.length === 0 && (
        <View className="card">
          <Text className="t-body">这里还没有登记的人员。</Text>
        </View>
      )}

      <View ariaRole="list" ariaLabel="人员列表">
        {people.map((p) => (
          <PersonCard
            key={p.userId}
            p={p}
            myRoles={myRoles}
            confirming={confirming}
            setConfirming={setConfirming}
            busy={busy}
            revoke={revoke}
            mayGrant={offered.length > 0}
            startGrant={startGrant}
          />
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
        <ContactsCard contacts={contacts} setContacts={setContacts} busy={busy} save={saveContacts} />
      )}
    </Page>
  )
}
