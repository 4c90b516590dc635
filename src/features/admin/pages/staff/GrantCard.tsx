import { View, Text } from '@tarojs/components'
import type { NamedOption } from '@core/join/api'
import { RoleLabel, RoleScopeLevel, type Role } from '@core/roles'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Button, Switch } from '../../../../components/ui'
import { LEVEL_LABEL, placesFor, type Place } from './places'

/**
 * A grant being filled in: for whom, and the role, place, party-member flag (helpers) and the
 * secretary's title (council members: 网格党支部书记) chosen so far.
 */
export interface GrantForm {
  readonly userId: string
  readonly name: string
  readonly role: Role | null
  readonly scopeId: string | null
  readonly partyMember: boolean
  readonly secretary: boolean
}

interface Props {
  readonly form: GrantForm
  /** Changes some fields of the form (the latest form, not this render's). */
  readonly update: (patch: Partial<GrantForm>) => void
  readonly place: Place
  /** The place's children (grids of a community, buildings of a grid), where a role may be granted one level below. */
  readonly childPlaces: readonly NamedOption[]
  /** The roles the viewer may grant somewhere from this place. */
  readonly offered: readonly Role[]
  readonly busy: boolean
  readonly grant: () => void
  readonly cancel: () => void
}

/**
 * Granting a person a role: which role, at which place (chosen for them when there is one), party
 * member for helpers, party branch secretary for council members (a title, the same powers).
 */
export function GrantCard({ form, update, place, childPlaces, offered, busy, grant, cancel }: Props) {
  const { role, scopeId, partyMember, secretary } = form
  return (
    <View className="card" ariaRole="region" ariaLabel={`为${form.name}授予身份`}>
      <Text className="t-title">为 {form.name} 授予身份</Text>
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
            const only = placesFor(r, place, childPlaces)
            update({ role: r, scopeId: only.length === 1 ? (only[0]?.id ?? null) : null })
          }}
        />
      )}
      {role && (
        <ChoiceList
          label={`在哪个${LEVEL_LABEL[RoleScopeLevel[role]]}`}
          options={placesFor(role, place, childPlaces)}
          selected={scopeId}
          onSelect={(o) => update({ scopeId: o.id })}
        />
      )}
      {role === 'helper' && (
        <View className="staff__switch">
          <Text className="t-body">是党员</Text>
          <Switch
            checked={partyMember}
            onChange={(on: boolean) => update({ partyMember: on })}
            ariaLabel="是党员"
            loadingIcon={null}
          />
        </View>
      )}
      {role === 'council_member' && (
        <View className="staff__switch">
          <Text className="t-body">是网格党支部书记</Text>
          <Switch
            checked={secretary}
            onChange={(on: boolean) => update({ secretary: on })}
            ariaLabel="是网格党支部书记"
            loadingIcon={null}
          />
        </View>
      )}
      <View className="staff__actions">
        <Button className="btn" type="primary" disabled={busy || !role || !scopeId} onClick={grant}>
          确认授予
        </Button>
        <Button className="btn" onClick={cancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
