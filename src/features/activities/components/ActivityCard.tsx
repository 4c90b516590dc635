import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityCard as Card } from '@core/activities/api'
import { SignupLabel, detailUrl, rewardText, windowText } from '../labels'

/** The phase in the brand colour while residents can still sign up. */
export function PhaseTag({
  activity,
}: {
  readonly activity: Pick<Card, 'phaseLabel' | 'status' | 'signedUp' | 'capacity'>
}) {
  const open = activity.status === 'published' && activity.phaseLabel === '报名中'
  return (
    <Text className={open ? 'activity-phase activity-phase--open' : 'activity-phase'}>
      {activity.phaseLabel}
    </Text>
  )
}

/** The lines every view of an activity shows: team, time, place, seats, reward. */
export function ActivityFacts({ activity }: { readonly activity: Card }) {
  return (
    <>
      <View>
        <Text className="t-body">{activity.team}</Text>
      </View>
      <View>
        <Text className="t-body">时间：{windowText(activity.startAt, activity.endAt)}</Text>
      </View>
      <View>
        <Text className="t-body">地点：{activity.place}</Text>
      </View>
      <View>
        <Text className="t-muted">
          名额 {activity.signedUp}/{activity.capacity} · {rewardText(activity)}
        </Text>
      </View>
    </>
  )
}

/** One activity in a list; the whole card opens its detail (one big target, named by its visible text). */
export function ActivityCard({ activity }: { readonly activity: Card }) {
  return (
    <View
      className="card activity-card btn"
      ariaRole="link"
      onClick={() => void Taro.navigateTo({ url: detailUrl(activity.activityId) })}
    >
      <View className="activity-card__head">
        <Text className="t-title">{activity.title}</Text>
        <PhaseTag activity={activity} />
      </View>
      <ActivityFacts activity={activity} />
      {activity.mine && activity.mine !== 'withdrawn' && (
        <View>
          <Text className="activity-mine t-body">我：{SignupLabel[activity.mine]}</Text>
        </View>
      )}
    </View>
  )
}
