import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { holdsOver, isAdminOf } from '@core/access'
import type { OrgItem } from '@core/admin/api'
import { boundaryToText } from '@core/admin/boundary'
import { ManagedBy } from '@core/admin/rules'
import type { RoleGrant } from '@core/roles'
import { Button } from '../../../../components/ui'
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

function LinkButton({ link }: { readonly link: Link }) {
  return (
    <Button className="btn" onClick={() => void Taro.navigateTo({ url: link.url })} ariaLabel={link.label}>
      {link.text}
    </Button>
  )
}

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
 * What may be done with a place: open it, rename it, and by level: a community's join policy, its
 * import, order settings, love supermarket, fund and points; a grid's boundary, people and codes.
 */
export function ItemActions({ item, grants, open, setEditing }: Props) {
  return (
    <View className="org__actions">
      {NEXT[item.level] && (
        <Button className="btn" onClick={() => open(item)} ariaLabel={`进入${item.name}`}>
          进入
        </Button>
      )}
      {holdsOver(grants, ManagedBy[item.level]) && (
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
          {communityLinks(item, isAdminOf(grants, item.id)).map((link) => (
            <LinkButton key={link.url} link={link} />
          ))}
        </>
      )}
      {item.level === 'grid' && (
        <>
          <Button
            className="btn"
            onClick={() => setEditing({ kind: 'boundary', item, text: boundaryToText(item.boundary) })}
            ariaLabel={`设置${item.name}的边界`}
          >
            边界
          </Button>
          {gridLinks(item).map((link) => (
            <LinkButton key={link.url} link={link} />
          ))}
        </>
      )}
    </View>
  )
}
