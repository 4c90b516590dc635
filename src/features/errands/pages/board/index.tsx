import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ErrandCard } from '@core/errands/api'
import { ErrandTypeLabel, ErrandTypes, type ErrandType } from '@core/errands/model'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { ErrandList } from '../../components/ErrandList'
import { usePages } from '../../../../hooks/use-pages'
import { detailUrl } from '../../labels'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import '../../errands.scss'

const ALL = 'all'
const FILTERS = [{ id: ALL, name: '全部' }, ...ErrandTypes.map((t) => ({ id: t, name: ErrandTypeLabel[t] }))]

/**
 * 帮邻居: open errands of my grid by start time (no address or phone until I take one), filtered by
 * type; 接单 on each card. Losing the race says 已被其他邻居接单 and reloads the board.
 */
export default function BoardPage() {
  const [type, setType] = useState<ErrandType | typeof ALL>(ALL)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const { items, cursor, error, more, reload } = usePages(type, (c) =>
    callApi('errand.board', { ...(type === ALL ? {} : { type }), ...(c ? { cursor: c } : {}) }),
  )
  usePullRefresh(reload)

  const accept = async (e: ErrandCard) => {
    setBusy(e.errandId)
    setMessage(null)
    try {
      await callApi('errand.accept', { errandId: e.errandId })
      setMessage('接单成功')
      void Taro.navigateTo({ url: detailUrl(e.errandId) })
      reload()
    } catch (err) {
      setMessage(failureCopy(err, '接单失败，请重试'))
      reload()
    } finally {
      setBusy(null)
    }
  }

  return (
    <Page label="帮邻居">
      <ChoiceList
        label="类型"
        options={FILTERS}
        selected={type}
        onSelect={(o) => setType(o.id as ErrandType | typeof ALL)}
      />
      {(message || error) && (
        <View className="card" ariaRole="alert">
          <Text className="t-body">{message ?? error}</Text>
        </View>
      )}
      <ErrandList
        label="待接单的互助"
        items={items}
        cursor={cursor}
        onMore={more}
        empty="现在没有需要帮忙的互助，谢谢您的热心！"
        actions={(e) => (
          <Button
            className="btn"
            type="primary"
            block
            disabled={busy !== null}
            onClick={() => void accept(e)}
          >
            {`接单：${e.typeLabel}`}
          </Button>
        )}
      />
    </Page>
  )
}
