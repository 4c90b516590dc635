import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { shortTime } from '@core/china-time'
import type { NoticeCard as Card } from '@core/notices/api'

const STATE = { out: '', scheduled: '定时发布', withdrawn: '已撤回' } as const

/** One notice in a list: a big tappable card opening it (置顶 and 重要 marked in words, not colour alone). */
export function NoticeCard({ n }: { readonly n: Card }) {
  const tags = [n.pinned ? '置顶' : '', n.important ? '重要' : '', STATE[n.state]].filter(Boolean)
  const open = () => void Taro.navigateTo({ url: `/features/notices/pages/detail/index?id=${n.id}` })
  return (
    <View className="card notice-card btn" ariaRole="link" onClick={open}>
      <View className="notice-card__head">
        <Text className="t-body notice__title">{n.title}</Text>
        {tags.length > 0 && <Text className="notice-tag notice-tag--pin">{tags.join(' · ')}</Text>}
      </View>
      {n.summary ? <Text className="t-body">{n.summary}</Text> : null}
      <Text className="t-muted">
        {[
          n.publisherName,
          n.scopeLabel,
          shortTime(n.publishAt),
          n.attachments > 0 ? `附件 ${n.attachments} 个` : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </View>
  )
}
