import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { callApi } from '../../api'
import { ErrandList } from '../../components/ErrandList'
import { usePages } from '../../../../hooks/use-pages'
import { POST_URL } from '../../labels'
import { Notice } from '../../../../components/Notice'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import '../../errands.scss'

type As = 'requester' | 'helper'
const TABS: readonly { id: As; name: string }[] = [
  { id: 'requester', name: '我发布的' },
  { id: 'helper', name: '我帮忙的' },
]

/** 我的互助: errands I posted and errands I took, newest first. */
export default function MyErrandsPage() {
  const [as, setAs] = useState<As>('requester')
  const { items, cursor, error, more, reload } = usePages(as, (c) =>
    callApi('errand.mine', { as, ...(c ? { cursor: c } : {}) }),
  )
  usePullRefresh(reload)
  return (
    <Page label="我的互助">
      <Button className="btn" type="primary" block onClick={() => void Taro.navigateTo({ url: POST_URL })}>
        发布互助
      </Button>
      <ChoiceList label="查看" options={TABS} selected={as} onSelect={(o) => setAs(o.id as As)} />
      <Notice text={error} />
      <ErrandList
        label={as === 'requester' ? '我发布的互助' : '我帮忙的互助'}
        items={items}
        mine={as === 'requester'}
        cursor={cursor}
        onMore={more}
        empty={
          as === 'requester'
            ? '您还没有发布过互助。需要邻居帮忙取快递、买菜，点“发布互助”。'
            : '您还没有接过互助。去“帮邻居”看看有什么能帮的。'
        }
      />
    </Page>
  )
}
