import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { GuidePage } from '@core/guide/api'
import { Field } from '../../../../components/Field'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { PagedList } from '../../../../components/PagedList'
import { Button } from '../../../../components/ui'
import { usePages } from '../../../../hooks/use-pages'
import { usePullRefresh } from '../../../../hooks/use-pull-refresh'
import { callApi } from '../../api'
import '../../guide.scss'

/** 办事指南: my community's services (the street's, with the community's own in their place), searchable. */
export default function GuidePageView() {
  const communityId = useRouter().params.communityId
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const [first, setFirst] = useState<GuidePage | null>(null)
  const { items, cursor, error, more, reload } = usePages(`guide-${communityId ?? ''}-${q}`, async (c) => {
    const page = await callApi('guide.list', {
      ...(communityId ? { communityId } : {}),
      ...(q ? { q } : {}),
      ...(c ? { cursor: c } : {}),
    })
    if (!c) setFirst(page)
    return page
  })
  usePullRefresh(reload)
  const query = `communityId=${first?.communityId ?? ''}`
  const canEdit = first !== null && (first.can.editCommunity || first.can.editStreet)
  return (
    <Page label="办事指南">
      <View className="card" ariaRole="search" ariaLabel="搜索事项">
        <View className="guide__search">
          <Field
            label="搜索事项或材料"
            value={typed}
            maxlength={40}
            placeholder="如：居住证、身份证"
            onInput={setTyped}
          />
          <Button className="btn" type="primary" onClick={() => setQ(typed.trim())}>
            搜索
          </Button>
        </View>
        {first && <Text className="t-muted">{`${first.communityName}可办理的事项`}</Text>}
      </View>
      <Notice text={error} />
      {canEdit && (
        <Button
          className="btn"
          block
          onClick={() => void Taro.navigateTo({ url: `/features/guide/pages/edit/index?${query}` })}
        >
          新增事项
        </Button>
      )}
      <PagedList
        label="事项列表"
        items={items}
        cursor={cursor}
        empty={q ? '没有找到相关事项，换个词试试' : '暂无事项'}
        onMore={more}
        keyOf={(e) => e.code}
        render={(e) => (
          <View
            className="card guide-card btn"
            ariaRole="link"
            onClick={() =>
              void Taro.navigateTo({ url: `/features/guide/pages/detail/index?code=${e.code}&${query}` })
            }
          >
            <View className="guide-card__head">
              <Text className="t-body guide__title">{e.title}</Text>
              <Text className="guide-tag">{e.category}</Text>
            </View>
            <Text className="t-muted">
              {[
                e.hallName,
                e.appointment ? '需预约' : '无需预约',
                e.source === 'community' ? '本社区办理' : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </View>
        )}
      />
    </Page>
  )
}
