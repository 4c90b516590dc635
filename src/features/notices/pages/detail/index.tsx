import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { fullDate, shortTime } from '@core/china-time'
import type { NoticeDetail } from '@core/notices/api'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { Button } from '../../../../components/ui'
import { usePageData } from '../../../../hooks/use-page-data'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { fileUrls, openAttachment, sizeText } from '../../files'
import '../../notices.scss'

const PUSH = {
  none: null,
  scheduled: '订阅消息：将在发布时间发给已订阅的居民',
  queued: '订阅消息：已交给微信发送，只有订阅过的居民会收到；暂无送达记录',
} as const

function pushText(p: NonNullable<NoticeDetail['push']>): string | null {
  if (p.state === 'queued' && p.reached) return '订阅消息：已送达订阅过的居民（未订阅的居民不会收到）'
  return PUSH[p.state]
}

/** 公告详情: the notice in large, plain text, its images and its attachments as big buttons; its staff see read counts per grid. */
export default function NoticeDetailPage() {
  const id = useRouter().params.id ?? ''
  const {
    data: n,
    setData,
    message,
    setMessage,
  } = usePageData<NoticeDetail>(id, () => (id ? callApi('notice.get', { noticeId: id }) : null), {
    missing: '没有找到这条公告',
  })
  const [urls, setUrls] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (!n) return
    const ids = [
      ...n.blocks.flatMap((b) => (b.kind === 'img' ? [b.fileId] : [])),
      ...n.files.map((f) => f.fileId),
    ]
    if (ids.length > 0) void fileUrls(ids).then(setUrls, () => undefined)
  }, [n])

  const open = async (fileId: string, name: string) => {
    const url = urls[fileId]
    if (!url) return setMessage('附件暂时无法打开，请稍后再试')
    try {
      await openAttachment(url, name)
    } catch {
      setMessage('附件打开失败，请稍后再试')
    }
  }
  const withdraw = async () => {
    if (!n) return
    const sure = await Taro.showModal({
      title: '撤回公告',
      content: '撤回后居民将看不到这条公告。确定撤回吗？',
    })
    if (!sure.confirm) return
    setBusy(true)
    try {
      setData(await callApi('notice.withdraw', { noticeId: n.id }))
      toast('已撤回')
    } catch (e) {
      setMessage(failureCopy(e, '撤回失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  if (!n) {
    return (
      <Page label="公告详情">
        <Notice text={message ?? null} />
        {!message && <Notice role="status" text="正在加载…" />}
      </Page>
    )
  }
  const push = n.push ? pushText(n.push) : null
  return (
    <Page label="公告详情">
      <View className="card" ariaRole="article" ariaLabel={n.title}>
        <Text className="t-title notice__title">{n.title}</Text>
        <Text className="t-muted">
          {[n.publisherName, fullDate(n.publishAt), n.scopeLabel].filter(Boolean).join(' · ')}
        </Text>
        {n.state !== 'out' && (
          <Text className="t-body notice-tag">
            {n.state === 'scheduled'
              ? `定时发布：${shortTime(n.publishAt)}，之前居民看不到`
              : '已撤回，居民看不到'}
          </Text>
        )}
        <View className="notice__body">
          {n.blocks.map((b, i) =>
            b.kind === 'p' ? (
              <Text key={i} className="t-body notice__para">
                {b.text}
              </Text>
            ) : (
              <Image
                key={i}
                className="notice__img"
                src={urls[b.fileId] ?? ''}
                mode="widthFix"
                ariaLabel={`公告图片 ${i + 1}`}
                onClick={() => {
                  const all = n.blocks.flatMap((x) =>
                    x.kind === 'img' && urls[x.fileId] ? [urls[x.fileId] as string] : [],
                  )
                  const current = urls[b.fileId]
                  if (current) void Taro.previewImage({ urls: all, current })
                }}
              />
            ),
          )}
        </View>
        {n.files.length > 0 && (
          <View className="notice__files" ariaRole="group" ariaLabel="附件">
            {n.files.map((f) => (
              <Button
                key={f.fileId}
                className="btn notice__file"
                block
                onClick={() => void open(f.fileId, f.name)}
              >
                {`打开附件：${f.name}（${sizeText(f.size)}）`}
              </Button>
            ))}
          </View>
        )}
      </View>
      <Notice text={message} />
      {n.reads && (
        <View className="card" ariaRole="region" ariaLabel="阅读情况">
          <Text className="t-title">{`已读 ${n.reads.total} 人`}</Text>
          {n.reads.grids.map((g) => (
            <View key={g.gridId} className="notice__reads">
              <Text className="t-body">{g.name}</Text>
              <Text className="t-body">{`${g.reads} 人`}</Text>
            </View>
          ))}
          {push && <Text className="t-muted">{push}</Text>}
        </View>
      )}
      {(n.can.edit || n.can.withdraw) && (
        <View className="notice__actions">
          {n.can.edit && (
            <Button
              className="btn"
              type="primary"
              onClick={() => void Taro.navigateTo({ url: `/features/notices/pages/edit/index?id=${n.id}` })}
            >
              修改公告
            </Button>
          )}
          {n.can.withdraw && (
            <Button className="btn" disabled={busy} onClick={() => void withdraw()}>
              撤回公告
            </Button>
          )}
        </View>
      )}
    </Page>
  )
}
