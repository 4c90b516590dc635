import { Text, View } from '@tarojs/components'
import type { ResultView } from '@core/deliberation/api'

/**
 * The published result, counts only (never who voted what): the sentence (what was adopted, or
 * why nothing was), the votes per option, the floor areas of an owners' decision, and the channels.
 */
export function VoteResultCard({ result: r }: { readonly result: ResultView }) {
  return (
    <View className="card" ariaRole="region" ariaLabel="表决结果">
      <Text className="t-title">表决结果</Text>
      <View>
        <Text className="t-body">{r.sentence}</Text>
      </View>
      {r.options && (
        <View className="topic__timeline" ariaRole="group" ariaLabel="各方案得票">
          {r.options.map((o, i) => (
            <Text key={i} className="t-body">
              {`${o.text}：${o.votes} 票${r.adopted === i ? '（选定）' : ''}`}
            </Text>
          ))}
          <Text className="t-body">{`弃权：${r.abstain} 户`}</Text>
        </View>
      )}
      <Text className="t-muted">
        其中手机投票 {r.byChannel.app} 户、纸质票 {r.byChannel.paper} 户、代投 {r.byChannel.proxy} 户
      </Text>
    </View>
  )
}
