import { View, Text } from '@tarojs/components'
import type { TimelineEntry } from '@core/orders/api'
import { describeEvent, shortTime } from '../labels'

/** Every event of an order, oldest first, as a list the screen reader reads in order. */
export function Timeline({ entries }: { readonly entries: readonly TimelineEntry[] }) {
  return (
    <View className="timeline" ariaRole="list" ariaLabel="办理进度">
      {entries.map((e, i) => (
        <View key={`${e.kind}-${e.at}-${i}`} className="timeline__item" ariaRole="listitem">
          <View className="timeline__dot" />
          <View className="timeline__body">
            <Text className="t-body timeline__what">{describeEvent(e)}</Text>
            <View>
              <Text className="t-muted">
                {shortTime(e.at)} · {e.who}
              </Text>
            </View>
          </View>
        </View>
      ))}
    </View>
  )
}
