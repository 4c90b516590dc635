import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { holdsOver, isAdminOf } from '@core/access'
import type { OrgItem } from '@core/admin/api'
import { boundaryToText } from '@core/admin/boundary'
import { ManagedBy } from '@core/admin/rules'
import type { RoleGrant } from '@core/roles'
import { CellRow } from '../../../../components/CellRow'
import { NEXT, type Editing } from './levels'

interface Props {
  readonly item: OrgItem
  readonly grants: readonly RoleGrant[]
  readonly open: (item: OrgItem) => void
  readonly setEditing: (editing: Editing) => void
}

/** A page a place opens into: the button's text, its spoken label, where it goes. */
interface Link {
  readonly text: string
  readonly label: string
  readonly url: string
}

/** One row of the menu (a WeUI cell with a chevron): the whole row is the button. */
const Row = ({
  text,
  label,
  onTap,
}: {
  readonly text: string
  readonly label: string
  readonly onTap: () => void
}) => <CellRow title={<Text className="t-body">{text}</Text>} label={label} onTap={onTap} />

const go = (url: string) => () => void Taro.navigateTo({ url })

/** A community's pages; its love supermarket, fund and points are its own admin's (street admins do not run them). */
function communityLinks(item: OrgItem, ownAdmin: boolean): Link[] {
  const id = encodeURIComponent(item.id)
  const named = `communityId=${id}&communityName=${encodeURIComponent(item.name)}`
  return [
    {
      text: '导入楼栋',
      label: `向${item.name}批量导入楼栋`,
      url: `/features/admin/pages/import/index?${named}`,
    },
    {
      text: '工单类别与时限',
      label: `${item.name}的工单类别与时限`,
      url: `/features/admin/pages/order-config/index?${named}`,
    },
    ...(ownAdmin
      ? [
          {
            text: '爱心超市',
            label: `${item.name}的爱心超市管理`,
            url: `/features/market/pages/items/index?communityId=${id}`,
          },
          {
            text: '社区基金',
            label: `${item.name}的社区基金`,
            url: `/features/market/pages/fund/index?communityId=${id}`,
          },
          {
            text: '积分管理',
            label: `${item.name}的积分管理`,
            url: `/features/points/pages/admin/index?communityId=${id}`,
          },
        ]
      : []),
  ]
}

/** A grid's pages: its people and roles, its invite codes. */
function gridLinks(item: OrgItem): Link[] {
  const id = encodeURIComponent(item.id)
  return [
    {
      text: '人员',
      label: `${item.name}的人员与角色`,
      url: `/features/admin/pages/staff/index?scopeId=${id}`,
    },
    {
      text: '二维码',
      label: `${item.name}的入格二维码`,
      url: `/features/admin/pages/codes/index?gridId=${id}`,
    },
  ]
}

/**
 * What may be done with a place, as the rows of its menu (under its name, in one WeUI panel): open
 * it, rename it, and by level: a community's join policy, its import, order settings, love
 * supermarket, fund and points; a grid's boundary, people and codes.
 */
export function ItemActions({ item, grants, open, setEditing }: Props) {
  const links =
    item.level === 'community'
      ? communityLinks(item, isAdminOf(grants, item.id))
      : item.level === 'grid'
        ? gridLinks(item)
        : []
  return (
    <>
      {NEXT[item.level] && <Row text="进入" label={`进入${item.name}`} onTap={() => open(item)} />}
      {holdsOver(grants, ManagedBy[item.level]) && (
        <Row
          text="改名"
          label={`给${item.name}改名`}
          onTap={() => setEditing({ kind: 'rename', item, name: item.name })}
        />
      )}
      {item.level === 'community' && (
        <Row
          text="审核方式"
          label={`${item.name}的入格审核方式`}
          onTap={() => setEditing({ kind: 'policy', item })}
        />
      )}
      {item.level === 'grid' && (
        <Row
          text="边界"
          label={`设置${item.name}的边界`}
          onTap={() => setEditing({ kind: 'boundary', item, text: boundaryToText(item.boundary) })}
        />
      )}
      {links.map((link) => (
        <Row key={link.url} text={link.text} label={link.label} onTap={go(link.url)} />
      ))}
    </>
  )
}
