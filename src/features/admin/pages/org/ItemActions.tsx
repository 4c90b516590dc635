import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { isAdminOf } from '@core/access'
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

/**
 * What may be done with a place: open it, rename it, and by level: a community's join policy, its
 * import, order settings, love supermarket, fund and points; a grid's boundary, people and codes.
 */
export function ItemActions({ item, grants, open, setEditing }: Props) {
  return (
    <View className="org__actions">
      {NEXT[item.level] && (
        <Button className="btn" type="primary" onClick={() => open(item)} ariaLabel={`进入${item.name}`}>
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
            onClick={() => setEditing({ kind: 'boundary', item, text: boundaryToText(item.boundary) })}
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
  )
}
