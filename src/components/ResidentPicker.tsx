import { holdsOver } from '@core/access'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { adminActions, type StaffPerson } from '@core/admin/api'
import { apiClient, failureCopy } from '../services/cloud'
import { Field } from './Field'
import { Button } from './ui'
import './ResidentPicker.scss'

/** Used by subpackage pages only (points, market): its own client keeps staff.list's schema out of the main package. */
const callApi = apiClient({ 'staff.list': adminActions['staff.list'] })

/** `3号楼2单元 301室`, or '' for people without a household. */
export const homeOf = (p: StaffPerson) =>
  p.household ? `${p.household.buildingName}${p.household.unitName} ${p.household.room}室` : ''
const isResident = (p: StaffPerson) => holdsOver(p.roles, 'resident')

interface Props {
  readonly communityId: string
  /** Who is being chosen (收款居民, 奖励居民): names the field `…姓名`, the options `选择…` and the choice `…：王秀英`. */
  readonly role: string
  readonly chosen: StaffPerson | null
  readonly onChoose: (person: StaffPerson | null) => void
}

/**
 * Finds a resident of a community by name for a staff form: the community's people (staff.list,
 * the 人员与角色 list, access-logged) 50 at a time, filtered to residents whose name contains what
 * was typed. A parent resets it (after a successful submit) by changing its `key`.
 */
export function ResidentPicker({ communityId, role, chosen, onChoose }: Props) {
  const [name, setName] = useState('')
  const [found, setFound] = useState<{ people: readonly StaffPerson[]; cursor: string | null } | null>(null)
  const [searching, setSearching] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const find = async (cursor?: string) => {
    if (!name.trim()) return setProblem('请输入居民姓名')
    setProblem(null)
    setSearching(true)
    try {
      const page = await callApi(
        'staff.list',
        cursor ? { scopeId: communityId, cursor } : { scopeId: communityId },
      )
      setFound((cur) => ({
        people: cursor && cur ? [...cur.people, ...page.items] : page.items,
        cursor: page.nextCursor,
      }))
    } catch (e) {
      setProblem(failureCopy(e, '查找失败，请重试'))
    } finally {
      setSearching(false)
    }
  }

  if (chosen) {
    return (
      <View className="picker__chosen">
        <Text className="t-body">
          {role}：{chosen.name}
          {homeOf(chosen) ? `（${homeOf(chosen)}）` : ''}
        </Text>
        <Button className="btn" onClick={() => onChoose(null)} ariaLabel={`重选${role}`}>
          重选
        </Button>
      </View>
    )
  }

  const term = name.trim()
  const matches = found
    ? found.people.filter((p) => isResident(p) && term !== '' && p.name.includes(term))
    : []
  return (
    <View>
      <Field
        label={`${role}姓名`}
        value={name}
        onInput={setName}
        maxlength={20}
        placeholder="输入姓名查找本社区居民"
        error={problem}
      />
      <Button className="btn" block loading={searching} disabled={searching} onClick={() => void find()}>
        查找居民
      </Button>
      {found && (
        <View className="picker__options" ariaRole="group" ariaLabel={`选择${role}`}>
          {matches.map((p) => (
            <View
              key={p.userId}
              className="picker__person btn"
              ariaRole="button"
              ariaLabel={`选择${p.name}${homeOf(p) ? `，${homeOf(p)}` : ''}`}
              onClick={() => onChoose(p)}
            >
              <Text className="t-body">{p.name}</Text>
              <Text className="t-muted">{homeOf(p)}</Text>
            </View>
          ))}
          {matches.length === 0 && (
            <Text className="t-muted">
              {found.cursor ? '已查找的居民中没有这个姓名，可以继续查找。' : '本社区没有找到这个姓名的居民。'}
            </Text>
          )}
          {found.cursor && (
            <Button
              className="btn"
              block
              disabled={searching}
              onClick={() => void find(found.cursor ?? undefined)}
            >
              继续查找
            </Button>
          )}
        </View>
      )}
    </View>
  )
}
