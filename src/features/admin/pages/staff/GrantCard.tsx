import { View, Text } from '@tarojs/components'
import type { NamedOption } from '@core/join/api'
import { RoleLabel, RoleScopeLevel, type Role } from '@core/roles'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Button, Switch } from '../../../../components/ui'
import { LEVEL_LABEL, placesFor, type Place } from './places'

interface Props {
  readonly granting: { readonly userId: string; readonly name: string }
  readonly place: Place
  /** The place's children (grids of a community, buildings of a grid), where a role may be granted one level below. */
  readonly childPlaces: readonly NamedOption[]
  /** The roles the viewer may grant somewhere from this place. */
  readonly offered: readonly Role[]
  readonly role: Role | null
  readonly setRole: (role: Role) => void
  readonly scopeId: string | null
  readonly setScopeId: (id: string | null) => void
  readonly partyMember: boolean
  readonly setPartyMember: (on: boolean) => void
  readonly busy: boolean
  readonly grant: () => void
  readonly cancel: () => void
}

/** Granting a person a role: which role, at which place (chosen for them when there is one), party member for helpers. */
export function GrantCard(props: Props) {
  const {
    granting,
    place,
    childPlaces: children,
    offered,
    role,
    setRole,
    scopeId,
    setScopeId,
    partyMember,
    setPartyMember,
  } = props
  return (
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
        <Button
          className="btn"
          type="primary"
          disabled={props.busy || !role || !scopeId}
          onClick={props.grant}
        >
          确认授予
        </Button>
        <Button className="btn" onClick={props.cancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
