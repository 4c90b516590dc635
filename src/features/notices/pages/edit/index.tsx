import { Image, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { chinaDay, clock } from '@core/china-time'
import type { NoticeDetail, PublishOptions } from '@core/notices/api'
import {
  NOTICE_LIMITS as L,
  noticeFilePath,
  type NoticeAttachment,
  type NoticeBlock,
} from '@core/notices/model'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Notice } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { SubmitButton } from '../../../../components/SubmitButton'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { newRequestId } from '../../../../services/request-id'
import { compressPhoto, pickPhotos, uploadPhoto } from '../../../../services/upload'
import { callApi } from '../../api'
import { extOf, fileUrls, pickFiles, sizeText, type PickedFile } from '../../files'
import '../../notices.scss'

type Level = 'street' | 'community' | 'grids'
const YES_NO = [
  { id: 'no', name: '否' },
  { id: 'yes', name: '是' },
]

/** Text → paragraphs: each non-empty line one paragraph. */
const paragraphs = (text: string): NoticeBlock[] =>
  text
    .split(/\n+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => ({ kind: 'p' as const, text: t }))

/**
 * 发布公告 / 修改公告: the scope (全街道, 一个社区, or some of its grids), title, text, up to 9 images
 * and 5 attachments, 置顶, 重要 (a subscribe message to the households that subscribed) and the
 * publish time. Files go up first, into the publisher's folder for this draft (a retry reuses them);
 * the notice is checked by content security before residents see it. Editing keeps the scope and time.
 */
export default function EditNoticePage() {
  const noticeId = useRouter().params.id ?? ''
  const editing = noticeId !== ''
  const requestId = useRef(newRequestId())
  const [opts, setOpts] = useState<PublishOptions | null>(null)
  const [was, setWas] = useState<NoticeDetail | null>(null)
  const [level, setLevel] = useState<Level>('community')
  const [communityId, setCommunityId] = useState<string | null>(null)
  const [gridIds, setGridIds] = useState<readonly string[]>([])
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [keptImages, setKeptImages] = useState<readonly string[]>([])
  const [keptFiles, setKeptFiles] = useState<readonly NoticeAttachment[]>([])
  const [photos, setPhotos] = useState<readonly { path: string; size: number }[]>([])
  const [files, setFiles] = useState<readonly PickedFile[]>([])
  const [urls, setUrls] = useState<Record<string, string>>({})
  const [pinned, setPinned] = useState(false)
  const [important, setImportant] = useState(false)
  const [later, setLater] = useState(false)
  const [day, setDay] = useState(chinaDay(new Date(), 1))
  const [time, setTime] = useState('09:00')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const uploaded = useRef(new Map<string, string>())

  useEffect(() => {
    callApi('notice.options', {}).then(
      (o) => {
        setOpts(o)
        setCommunityId((c) => c ?? o.communities[0]?.id ?? null)
        if (o.communities.length === 0) setLevel('street')
      },
      (e: unknown) => setMessage(failureCopy(e, '加载失败，请重试')),
    )
  }, [])
  useEffect(() => {
    if (!editing) return
    callApi('notice.get', { noticeId }).then(
      (n) => {
        setWas(n)
        setTitle(n.title)
        setText(n.blocks.flatMap((b) => (b.kind === 'p' ? [b.text] : [])).join('\n'))
        const imgs = n.blocks.flatMap((b) => (b.kind === 'img' ? [b.fileId] : []))
        setKeptImages(imgs)
        setKeptFiles(n.files)
        setPinned(n.pinned)
        if (imgs.length > 0) void fileUrls(imgs).then(setUrls, () => undefined)
      },
      (e: unknown) => setMessage(failureCopy(e, '加载失败，请重试')),
    )
  }, [editing, noticeId])
  useEffect(() => {
    if (editing || level !== 'grids' || !communityId) return
    callApi('notice.options', { communityId }).then(
      (o) => setOpts((p) => (p ? { ...p, grids: o.grids } : o)),
      (e: unknown) => setMessage(failureCopy(e, '网格加载失败')),
    )
  }, [editing, level, communityId])

  const addPhotos = async () => {
    setMessage(null)
    try {
      const room = L.images - keptImages.length - photos.length
      const picked = (await pickPhotos(room)).slice(0, room)
      const ready: { path: string; size: number }[] = []
      for (const p of picked) ready.push(await compressPhoto(p.path))
      setPhotos((was) => [...was, ...ready])
    } catch {
      setMessage('无法读取照片，请重新选择')
    }
  }
  const addFiles = async () => {
    setMessage(null)
    const room = L.attachments - keptFiles.length - files.length
    const picked = await pickFiles(room)
    const big = picked.filter((f) => f.size > L.attachmentBytes)
    setFiles((was) => [...was, ...picked.filter((f) => f.size <= L.attachmentBytes)].slice(0, L.attachments))
    if (big.length > 0) setMessage(`${big.length} 个附件超过 20MB，未添加`)
  }

  /** Uploads what is new, each once, into my folder for this draft (or this notice); names not taken by kept files. */
  const upload = async (me: string) => {
    const key = editing ? noticeId : requestId.current
    const taken = new Set(
      [...keptImages, ...keptFiles.map((f) => f.fileId)].map((f) => f.split('/').pop() ?? ''),
    )
    const free = (names: readonly string[]) =>
      names.filter((n) => ![...taken].some((t) => t.startsWith(`${n}.`)))
    const imageNames = free(['1', '2', '3', '4', '5', '6', '7', '8', '9'])
    const fileNames = free(['a1', 'a2', 'a3', 'a4', 'a5'])
    const put = async (local: string, name: string) => {
      const path = noticeFilePath(me, key, name)
      const k = `${local}→${path}`
      const id = uploaded.current.get(k) ?? (await uploadPhoto(local, path))
      uploaded.current.set(k, id)
      return id
    }
    const images: string[] = []
    for (const [i, p] of photos.entries()) images.push(await put(p.path, `${imageNames[i] ?? i + 1}.jpg`))
    const attachments: NoticeAttachment[] = []
    for (const [i, f] of files.entries())
      attachments.push({
        fileId: await put(f.path, `${fileNames[i] ?? `a${i + 1}`}.${extOf(f.name)}`),
        name: f.name,
        size: f.size,
      })
    return { images, attachments }
  }

  const submit = async () => {
    if (!title.trim()) return setMessage('请填写标题')
    if (paragraphs(text).length === 0) return setMessage('请填写公告正文')
    if (!editing && level !== 'street' && !communityId) return setMessage('请选择社区')
    if (!editing && level === 'grids' && gridIds.length === 0) return setMessage('请选择至少一个网格')
    setBusy(true)
    setMessage(null)
    try {
      const me = opts?.me ?? was?.me ?? ''
      const up = await upload(me)
      const blocks: NoticeBlock[] = [
        ...paragraphs(text),
        ...[...keptImages, ...up.images].map((fileId) => ({ kind: 'img' as const, fileId })),
      ]
      const content = { title: title.trim(), blocks, attachments: [...keptFiles, ...up.attachments], pinned }
      let n: NoticeDetail
      if (editing) n = await callApi('notice.edit', { noticeId, ...content })
      else {
        const scope =
          level === 'street'
            ? { level, streetId: opts?.streets[0]?.id ?? '' }
            : level === 'community'
              ? { level, communityId: communityId ?? '' }
              : { level, communityId: communityId ?? '', gridIds: [...gridIds] }
        n = await callApi('notice.publish', {
          requestId: requestId.current,
          scope,
          ...content,
          important,
          ...(later ? { publishAt: new Date(`${day}T${time}:00+08:00`).toISOString() } : {}),
        })
      }
      void Taro.showToast({
        title: editing ? '已保存' : n.state === 'scheduled' ? '已定时发布' : '已发布',
        icon: 'success',
      })
      void Taro.redirectTo({ url: `/features/notices/pages/detail/index?id=${n.id}` })
    } catch (e) {
      setMessage(failureCopy(e, '提交失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const levels = [
    ...((opts?.streets.length ?? 0) > 0 ? [{ id: 'street', name: '全街道' }] : []),
    ...((opts?.communities.length ?? 0) > 0
      ? [
          { id: 'community', name: '全社区' },
          { id: 'grids', name: '指定网格' },
        ]
      : []),
  ]
  const label = editing ? '修改公告' : '发布公告'
  return (
    <Page label={label}>
      <View className="card" ariaRole="form" ariaLabel={label}>
        {editing ? (
          was && <Text className="t-muted">{`发布范围：${was.scopeLabel}（范围和发布时间不能修改）`}</Text>
        ) : (
          <>
            <ChoiceList
              label="发布范围"
              options={levels}
              selected={level}
              onSelect={(o) => setLevel(o.id as Level)}
            />
            {level !== 'street' && (opts?.communities.length ?? 0) > 1 && (
              <ChoiceList
                label="社区"
                options={opts?.communities ?? []}
                selected={communityId}
                onSelect={(o) => (setCommunityId(o.id), setGridIds([]))}
              />
            )}
            {level === 'grids' && (
              <View ariaRole="group" ariaLabel="网格">
                <Text className="t-body notice__label">网格（可多选）</Text>
                <View className="notice__chips">
                  {(opts?.grids ?? []).map((g) => {
                    const on = gridIds.includes(g.id)
                    return (
                      <View
                        key={g.id}
                        className={on ? 'notice__chip notice__chip--on btn' : 'notice__chip btn'}
                        ariaRole="checkbox"
                        {...({ ariaChecked: on } as object)}
                        onClick={() =>
                          setGridIds((was) => (on ? was.filter((x) => x !== g.id) : [...was, g.id]))
                        }
                      >
                        {g.name}
                      </View>
                    )
                  })}
                </View>
              </View>
            )}
          </>
        )}
        <Field
          label="标题"
          value={title}
          maxlength={L.title}
          placeholder="如：1号楼停水通知"
          onInput={setTitle}
        />
        <Text className="t-body notice__label">正文（每行一段）</Text>
        <Textarea
          className="notice__textarea t-body"
          value={text}
          maxlength={L.text}
          placeholder="写清楚时间、地点、要做什么"
          ariaLabel="正文"
          nativeProps={{ 'aria-label': '正文' }}
          onInput={(e) => setText(e.detail.value)}
        />
        <Text className="t-body notice__label">{`图片（选填，最多 ${L.images} 张）`}</Text>
        <View className="notice__photos">
          {keptImages.map((f, i) => (
            <View key={f}>
              <Image
                className="notice__photo"
                src={urls[f] ?? ''}
                mode="aspectFill"
                ariaLabel={`已有图片 ${i + 1}`}
              />
              <Button
                className="btn"
                size="small"
                onClick={() => setKeptImages((w) => w.filter((x) => x !== f))}
              >
                {`删除图片${i + 1}`}
              </Button>
            </View>
          ))}
          {photos.map((p, i) => (
            <View key={p.path}>
              <Image className="notice__photo" src={p.path} mode="aspectFill" ariaLabel={`新图片 ${i + 1}`} />
              <Button
                className="btn"
                size="small"
                onClick={() => setPhotos((w) => w.filter((x) => x.path !== p.path))}
              >
                {`删除新图片${i + 1}`}
              </Button>
            </View>
          ))}
        </View>
        {keptImages.length + photos.length < L.images && (
          <Button className="btn" block disabled={busy} onClick={() => void addPhotos()}>
            添加图片
          </Button>
        )}
        <Text className="t-body notice__label">{`附件（选填，PDF、Word、Excel，最多 ${L.attachments} 个）`}</Text>
        {[
          ...keptFiles.map((f) => ({ key: f.fileId, name: f.name, size: f.size, kept: true })),
          ...files.map((f) => ({ key: f.path, name: f.name, size: f.size, kept: false })),
        ].map((f) => (
          <View key={f.key} className="notice__reads">
            <Text className="t-body">{`${f.name}（${sizeText(f.size)}）`}</Text>
            <Button
              className="btn"
              size="small"
              onClick={() =>
                f.kept
                  ? setKeptFiles((w) => w.filter((x) => x.fileId !== f.key))
                  : setFiles((w) => w.filter((x) => x.path !== f.key))
              }
            >
              {`删除附件${f.name}`}
            </Button>
          </View>
        ))}
        {keptFiles.length + files.length < L.attachments && (
          <Button className="btn" block disabled={busy} onClick={() => void addFiles()}>
            添加附件
          </Button>
        )}
        <ChoiceList
          label="置顶"
          options={YES_NO}
          selected={pinned ? 'yes' : 'no'}
          onSelect={(o) => setPinned(o.id === 'yes')}
        />
        {!editing && (
          <>
            <ChoiceList
              label="重要公告（发订阅消息）"
              options={YES_NO}
              selected={important ? 'yes' : 'no'}
              onSelect={(o) => setImportant(o.id === 'yes')}
            />
            {important && (
              <Text className="t-muted">
                只有订阅过公告提醒的居民会收到微信消息；其他居民在公告列表和首页看到。
              </Text>
            )}
            <ChoiceList
              label="发布时间"
              options={[
                { id: 'now', name: '立即发布' },
                { id: 'later', name: '定时发布' },
              ]}
              selected={later ? 'later' : 'now'}
              onSelect={(o) => setLater(o.id === 'later')}
            />
            {later && (
              <>
                <Picker
                  mode="date"
                  value={day}
                  start={chinaDay(new Date())}
                  end={chinaDay(new Date(), L.aheadDays)}
                  onChange={(e) => setDay(String(e.detail.value))}
                >
                  <View className="notice__picker btn" ariaRole="button">
                    <Text className="t-body">{`日期：${day}`}</Text>
                  </View>
                </Picker>
                <Picker mode="time" value={time} onChange={(e) => setTime(String(e.detail.value))}>
                  <View className="notice__picker btn" ariaRole="button">
                    <Text className="t-body">{`时间：${time}`}</Text>
                  </View>
                </Picker>
                <Text className="t-muted">{`到时间前居民看不到这条公告（现在 ${clock(new Date())}）。`}</Text>
              </>
            )}
          </>
        )}
      </View>
      <Notice text={message} />
      <SubmitButton busy={busy} onSubmit={submit}>
        {editing ? '保存修改' : later ? '定时发布' : '发布公告'}
      </SubmitButton>
    </Page>
  )
}
