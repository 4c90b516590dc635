import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { PublishOptions } from '@core/notices/api'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { SubmitButton } from '../../../../components/SubmitButton'
import { usePageData } from '../../../../hooks/use-page-data'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { callApi } from '../../api'
import { NoticeCard } from '../../components/NoticeCard'
import '../../notices.scss'

/** 公告管理: the notices of a street or community the admin publishes for, in every state, and 发布新公告. */
export default function ManageNoticesPage() {
  const { data: opts, message } = usePageData<PublishOptions>('options', () => callApi('notice.options', {}))
  const places = opts
    ? [
        ...opts.streets.map((s) => ({ id: `s:${s.id}`, name: `${s.name}（全街道）` })),
        ...opts.communities.map((c) => ({ id: `c:${c.id}`, name: c.name })),
      ]
    : []
  const [chosen, setChosen] = useState<string | null>(null)
  const place = chosen ?? places[0]?.id ?? null
  const { items, cursor, error, more, reload } = usePages(`manage-${place ?? ''}`, (c) => {
    if (!place) return Promise.resolve({ items: [], cursor: null, placeName: '' })
    const which = place.startsWith('s:') ? { streetId: place.slice(2) } : { communityId: place.slice(2) }
    return callApi('notice.manage', { ...which, ...(c ? { cursor: c } : {}) })
  })
  usePullRefresh(reload)
  return (
    <Page label="公告管理">
      <SubmitButton
        busy={false}
        onSubmit={() => Taro.navigateTo({ url: '/features/notices/pages/edit/index' })}
      >
        发布新公告
      </SubmitButton>
      <Notice text={message ?? error} />
      {places.length > 1 && (
        <ChoiceList label="查看范围" options={places} selected={place} onSelect={(o) => setChosen(o.id)} />
      )}
      <PagedList
        label="已发布的公告"
        items={items}
        cursor={cursor}
        empty="还没有公告"
        onMore={more}
        keyOf={(n) => n.id}
        render={(n) => <NoticeCard n={n} />}
      />
    </Page>
  )
}
