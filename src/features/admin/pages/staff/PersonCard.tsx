import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { StaffPerson, StaffRole } from '@core/admin/api'
import { GrantableBy } from '@core/admin/rules'
import { RoleLabel, type Role } from '@core/roles'
import { Button } from '../../../../components/ui'

interface Props {
  readonly p: StaffPerson
  /** The viewer's own roles: a role they could grant they may revoke. */
  readonly myRoles: ReadonlySet<Role>
  /** The role line (`userId:role:scopeName`) whose revocation awaits confirmation. */
  readonly confirming: string | null
  readonly setConfirming: (key: string) => void
  readonly busy: boolean
  readonly revoke: (person: StaffPerson, r: StaffRole) => void
  readonly mayGrant: boolean
  readonly startGrant: (userId: string, name: string) => void
}

/** One person of the list: their home, their roles (revoked after a confirmation), call, grant a role. */
export function PersonCard({
  p,
  myRoles,
  confirming,
  setConfirming,
  busy,
  revoke,
  mayGrant,
  startGrant,
}: Props) {
  return (
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
                {r.role === 'helper' && p.partyMember ? '（党员）' : ''}
                {r.title ? `（${r.title}）` : ''} · {r.scopeName}
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
          <Button className="btn" onClick={() => void Taro.makePhoneCall({ phoneNumber: p.phone ?? '' })}>
            拨打 {p.phone}
          </Button>
        )}
        {mayGrant && (
          <Button className="btn" onClick={() => startGrant(p.userId, p.name)}>
            授予身份
          </Button>
        )}
      </View>
    </View>
  )
}
