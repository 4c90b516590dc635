import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CategoryView, HazardAdvice } from '@core/orders/api'
import { FIRE_PHONE } from '@core/orders/hazard'
import { Page } from '../../../components/Page'
import { Button } from '../../../components/ui'

/** Taro maps `ariaHidden` to aria-hidden; its View typings lack it. */
const decorative = { ariaHidden: true } as object

/** One tap to the phone's dialler; a cancelled call is not an error. */
function call(phoneNumber: string): void {
  Promise.resolve(Taro.makePhoneCall({ phoneNumber })).catch(() => undefined)
}

interface Props {
  /** The hazard category just chosen (安全隐患, or one the community marks as a hazard). */
  readonly category: CategoryView
  /** The community's advice (report.categories); absent from an older function: 119 only. */
  readonly advice: HazardAdvice | undefined
  readonly onContinue: () => void
}

/**
 * Shown when a hazard category is chosen, before the form (WeUI's message page: one primary action).
 * Gas smell or fire → call 119 now; the community's gas repair line when it set one. The report
 * itself is the urgent kind already: hazards get the short accept clock and head the inbox.
 */
export function HazardPrompt({ category, advice, onContinue }: Props) {
  const gas = advice?.gasRepairPhone ?? null
  return (
    <Page label="安全隐患求助">
      <View className="card hazard" ariaRole="region" ariaLabel="紧急情况先求助">
        <View className="hazard__icon" {...decorative}>
          !
        </View>
        <Text className="t-title hazard__title">遇到危险，先打电话求助</Text>
        <View className="hazard__steps" ariaRole="list">
          <View className="hazard__step" ariaRole="listitem">
            <Text className="t-body">
              闻到燃气味：不要开关电灯电器、不要点火，打开门窗，离开后在室外拨打电话。
            </Text>
          </View>
          <View className="hazard__step" ariaRole="listitem">
            <Text className="t-body">发现起火或有人被困：立即拨打 119。</Text>
          </View>
        </View>
        <View className="hazard__actions">
          <Button
            className="btn"
            type="primary"
            block
            ariaLabel={`拨打 ${FIRE_PHONE} 火警电话`}
            onClick={() => call(FIRE_PHONE)}
          >
            拨打 119
          </Button>
          {gas && (
            <Button className="btn" block ariaLabel={`拨打燃气抢修电话 ${gas}`} onClick={() => call(gas)}>
              {`燃气抢修 ${gas}`}
            </Button>
          )}
          <Button className="btn" block onClick={onContinue}>
            没有紧急危险，继续上报
          </Button>
        </View>
        <View className="hazard__note">
          <Text className="t-muted">
            {advice
              ? `“${category.name}”按紧急工单处理：网格员须在 ${advice.acceptHours} 小时内接单。`
              : `“${category.name}”按紧急工单处理，网格员会优先接单。`}
          </Text>
        </View>
      </View>
    </Page>
  )
}
