import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './TopicLink.scss'

/**
 * A list cell that opens a deliberation topic (议题) from the work order or activity linked to it,
 * e.g. "落实居民议事决议 · 查看议题". The topic page lives in the deliberation subpackage.
 */
export function TopicLink({ topicId, label }: { readonly topicId: string; readonly label: string }) {
  return (
    <View
      className="topic-link btn"
      ariaRole="link"
      ariaLabel={`${label}，查看议题`}
      onClick={() => void Taro.navigateTo({ url: `/features/deliberation/pages/topic/index?id=${topicId}` })}
    >
      <Text className="t-body">{label}</Text>
      <Text className="t-body topic-link__go">查看议题 ›</Text>
    </View>
  )
}
