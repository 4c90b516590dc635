import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { SOURCES_MAX } from '@core/deliberation/raise'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { SubmitButton } from '../../../../components/SubmitButton'
import { usePages } from '../../../../hooks/use-pages'
import { callApi } from '../../api'
import '../../../../components/ChoiceList.scss'
import '../../deliberation.scss'

/** Taro maps `ariaChecked` to WeChat's aria-checked (and to the DOM attribute on H5); its typings lack it. */
const checked = (on: boolean) => ({ ariaChecked: on }) as object

/**
 * 从工单发起 (staff, from the grid's 议事厅): the grid's open work orders, newest first; tick the ones
 * that belong together (several 飞线充电 reports, a 意见建议) and raise one topic from them. Orders
 * already raised, held for review or carrying out a topic cannot be ticked.
 */
export default function PickSourcesPage() {
  const gridId = useRouter().params.gridId ?? ''
  const { items, cursor, error, more } = usePages(`sources-${gridId}`, (c) =>
    callApi('topic.sources', { gridId, ...(c ? { cursor: c } : {}) }),
  )
  const [picked, setPicked] = useState<readonly string[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const toggle = (orderId: string) => {
    setMessage(null)
    if (picked.includes(orderId)) return setPicked(picked.filter((x) => x !== orderId))
    if (picked.length >= SOURCES_MAX) return setMessage(`一个议题最多据 ${SOURCES_MAX} 件工单发起`)
    setPicked([...picked, orderId])
  }
  const next = () => {
    if (picked.length === 0) return setMessage('请至少选择一件工单')
    void Taro.navigateTo({
      url: `/features/deliberation/pages/raise/index?orders=${encodeURIComponent(picked.join(','))}`,
    })
  }
  return (
    <Page label="从工单发起议题">
      <View className="card">
        <Text className="t-body">选择反映同一件事的工单（如多起飞线充电、一条意见建议），据此发起议题。</Text>
      </View>
      <Notice text={error ?? message} />
      <PagedList
        label="本网格未办结的工单"
        items={items}
        cursor={cursor}
        empty="本网格没有未办结的工单"
        onMore={more}
        keyOf={(i) => i.orderId}
        render={(i) => (
          <View
            className={
              picked.includes(i.orderId)
                ? 'card choice__option btn choice__option--on'
                : 'card choice__option btn'
            }
            ariaRole="checkbox"
            ariaLabel={`${i.categoryName}：${i.summary}`}
            {...checked(picked.includes(i.orderId))}
            {...(i.raisable ? { onClick: () => toggle(i.orderId) } : { ariaDisabled: true })}
          >
            <Text className="t-body">
              {i.categoryName}：{i.summary}
            </Text>
            {!i.raisable && (
              <Text className="t-muted">{i.raisedTopicId ? '（已转为议题）' : '（不可选）'}</Text>
            )}
          </View>
        )}
      />
      <SubmitButton busy={false} onSubmit={next}>
        {picked.length > 0 ? `据所选 ${picked.length} 件发起议题` : '发起议题'}
      </SubmitButton>
    </Page>
  )
}
