import { View, Text, Textarea } from '@tarojs/components'
import type { OrgItem } from '@core/admin/api'
import type { JoinPolicy } from '@core/org/model'
import type { RoleGrant } from '@core/roles'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Button } from '../../../../components/ui'
import { callApi } from '../../api'
import { ItemActions } from './ItemActions'
import { detailsOf, LEVEL_LABEL, POLICY_OPTIONS, type Editing, type Run } from './levels'

interface Props {
  readonly item: OrgItem
  readonly grants: readonly RoleGrant[]
  readonly editing: Editing
  readonly setEditing: (editing: Editing) => void
  readonly busy: boolean
  readonly run: Run
  readonly saveBoundary: (item: OrgItem & { level: 'grid' }, text: string) => void
  readonly open: (item: OrgItem) => void
}

/**
 * One place of the list, one WeUI panel: its name and details, then its editor while one is open
 * (name, join policy, boundary), else its menu of actions (cells with chevrons).
 */
export function ItemCard({ item, grants, editing, setEditing, busy, run, saveBoundary, open }: Props) {
  return (
    <View className="cells" ariaRole="region" ariaLabel={`${LEVEL_LABEL[item.level]}：${item.name}`}>
      <View className="cells__row org__head">
        <Text className="t-title">{item.name}</Text>
        {detailsOf(item) && (
          <View>
            <Text className="t-muted">{detailsOf(item)}</Text>
          </View>
        )}
      </View>

      {editing?.item.id === item.id && editing.kind === 'rename' && (
        <View className="cells__row org__edit">
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
                  () => callApi('org.rename', { level: item.level, id: item.id, name: editing.name.trim() }),
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
        <View className="cells__row org__edit">
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
        <View className="cells__row org__edit">
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
        <ItemActions item={item} grants={grants} open={open} setEditing={setEditing} />
      )}
    </View>
  )
}
