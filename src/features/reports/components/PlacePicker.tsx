import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ChoiceList } from '../../../components/ChoiceList'
import { Switch } from '../../../components/ui'
import type { Pin, Where } from '../report-input'
import { BuildingPicker, type PickedBuilding } from './BuildingPicker'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

interface Props {
  /** Staff intake: no "my home", no hide-my-name. */
  readonly intake: boolean
  /** `我家（3号楼2单元502室）`, or null without a household. */
  readonly homeLabel: string | null
  readonly gridId: string | null
  readonly communityId: string | null
  readonly where: Where
  readonly setWhere: (w: Where) => void
  readonly building: PickedBuilding | null
  readonly setBuilding: (b: PickedBuilding) => void
  readonly pin: Pin | null
  readonly setPin: (p: Pin) => void
  readonly hideName: boolean
  readonly setHideName: (on: boolean) => void
  /** Any change here clears the form's message. */
  readonly onEdit: () => void
}

/** 问题在哪里？ My home, a building from the list or (weapp) a point on the map; and hide my name. */
export function PlacePicker(props: Props) {
  const { intake, homeLabel, where, building, pin, hideName, onEdit } = props
  const whereOptions = [
    ...(homeLabel && !intake ? [{ id: 'home', name: homeLabel }] : []),
    { id: 'building', name: building && where === 'building' ? `楼栋：${building.name}` : '选择楼栋' },
    ...(IS_WEAPP ? [{ id: 'pin', name: pin ? `地图：${pin.label}` : '在地图上选点' }] : []),
  ]

  const pickPin = async () => {
    try {
      const r = await Taro.chooseLocation({})
      props.setPin({
        lng: r.longitude,
        lat: r.latitude,
        label: (r.name || r.address || '地图选点').slice(0, 50),
      })
      props.setWhere('pin')
    } catch {
      /* cancelled */
    }
  }

  return (
    <View className="card">
      <ChoiceList
        label="问题在哪里？"
        options={whereOptions}
        selected={where}
        onSelect={(o) => {
          onEdit()
          if (o.id === 'pin') void pickPin()
          else props.setWhere(o.id as Where)
        }}
      />
      {where === 'building' && (
        <BuildingPicker
          gridId={props.gridId}
          communityId={props.communityId}
          selected={building?.buildingId ?? null}
          onPick={(b) => {
            props.setBuilding(b)
            onEdit()
          }}
        />
      )}
      {!intake && (
        <View className="report__switch">
          <Text className="t-body">不向公众显示我的姓名</Text>
          <Switch
            checked={hideName}
            onChange={(on: boolean) => props.setHideName(on)}
            ariaLabel="不向公众显示我的姓名"
            loadingIcon={null}
          />
        </View>
      )}
      {!intake && (
        <View>
          <Text className="t-muted">网格员等工作人员仍能看到您的姓名，以便联系您。</Text>
        </View>
      )}
    </View>
  )
}
