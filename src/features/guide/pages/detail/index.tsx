import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { GuideDetail } from '@core/guide/api'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { callApi } from '../../api'
import '../../guide.scss'

/** 事项详情: materials, where to go and when, processing time, appointment; the hall's phone as a one-tap call, its place on the map. */
export default function GuideDetailPage() {
  const { code = '', communityId } = useRouter().params
  const {
    data: e,
    message,
    setMessage,
  } = usePageData<GuideDetail>(
    `${communityId ?? ''}-${code}`,
    () => (code ? callApi('guide.get', { code, ...(communityId ? { communityId } : {}) }) : null),
    { missing: '没有找到这个事项' },
  )
  if (!e) {
    return (
      <Page label="事项详情">
        <Notice text={message ?? '正在加载…'} role={message ? 'alert' : 'status'} />
      </Page>
    )
  }
  const call = () => void Taro.makePhoneCall({ phoneNumber: e.phone }).catch(() => undefined)
  const map = () =>
    void Taro.openLocation({
      latitude: e.hall.latitude,
      longitude: e.hall.longitude,
      name: e.hall.name,
      address: e.hall.address,
      scale: 17,
    }).catch(() => setMessage(`地址：${e.hall.address}`))
  const facts: [string, string][] = [
    ['办理地点', e.hall.name],
    ['地址', e.hall.address],
    ['开放时间', e.hall.hours],
    ['办理时限', e.duration],
    ['是否预约', e.appointment ? '需要预约，请先打电话' : '不用预约'],
    ['咨询电话', e.phone],
  ]
  return (
    <Page label="事项详情">
      <View className="card" ariaRole="article" ariaLabel={e.title}>
        <Text className="t-title guide__title">{e.title}</Text>
        <Text className="t-muted">{`${e.category} · ${e.source === 'community' ? '本社区办理' : '街道统一办理'}`}</Text>
        <Text className="t-body guide__label">需要带的材料</Text>
        <View ariaLabel="所需材料">
          {e.materials.map((m, i) => (
            <Text key={m} className="t-body guide__list">
              {`${i + 1}. ${m}`}
            </Text>
          ))}
        </View>
        {facts.map(([k, v]) => (
          <View key={k} className="guide__fact">
            <Text className="t-body">{k}</Text>
            <Text className="t-body">{v}</Text>
          </View>
        ))}
        {e.notes ? <Text className="t-body guide__list">{e.notes}</Text> : null}
      </View>
      <Notice text={message} />
      <View className="guide__actions">
        <Button className="btn" type="primary" block onClick={call}>
          {`拨打电话 ${e.phone}`}
        </Button>
        <Button className="btn" block onClick={map}>
          查看地图和路线
        </Button>
        {(e.can.editCommunity || e.can.editStreet) && (
          <Button
            className="btn"
            block
            onClick={() =>
              void Taro.navigateTo({
                url: `/features/guide/pages/edit/index?code=${e.code}&communityId=${e.communityId}`,
              })
            }
          >
            编辑这个事项
          </Button>
        )}
      </View>
    </Page>
  )
}
