import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { TopicDetail } from '@core/deliberation/api'
import { freeWorkSlots, WORK_PHOTOS_MAX, workPhotoPath } from '@core/deliberation/photos'
import { Notice, toast } from '../../../components/Notice'
import { Button } from '../../../components/ui'
import { failureCopy } from '../../../services/cloud'
import { photoUrls, uploadPhoto } from '../../../services/upload'
import type { PickedPhoto } from '../../../services/upload-rules'
import { callApi } from '../api'
import { FormActions } from './FormActions'
import { PhotoPicker } from '../../../components/PhotoPicker'
import '../meeting.scss'

/**
 * 实施照片 in the 公示: everyone who sees the topic sees them; staff of the place (`canEdit`) add
 * photos (uploaded first, each once, into their own folder for the topic at a number no shown photo
 * of theirs holds, then `topic.workPhotos`) and remove one. Staff are the human check: there is no
 * image check.
 */
export function WorkPhotos(props: {
  readonly topicId: string
  readonly me: string
  readonly photos: readonly string[]
  readonly canEdit: boolean
  readonly onDone: (next: TopicDetail) => void
}) {
  const { topicId, me, photos } = props
  const [urls, setUrls] = useState<Record<string, string>>({})
  const [adding, setAdding] = useState(false)
  const [picked, setPicked] = useState<readonly PickedPhoto[]>([])
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  /** Local photo → its file id once uploaded (a retry reuses what is up). */
  const uploaded = useRef(new Map<string, string>())
  useEffect(() => {
    if (photos.length) photoUrls(photos).then(setUrls, () => setUrls({}))
  }, [photos.join('|')]) // eslint-disable-line react-hooks/exhaustive-deps

  const send = async (change: { add?: string[]; remove?: string[] }, said: string) => {
    const next = await callApi('topic.workPhotos', { topicId, ...change })
    toast(said)
    props.onDone(next)
  }
  const add = async () => {
    if (picked.length === 0) return setMessage('请先选择照片')
    setBusy(true)
    setMessage(null)
    try {
      const slots = freeWorkSlots(photos, me, topicId, picked.length)
      const add: string[] = []
      for (const [i, p] of picked.entries()) {
        const path = workPhotoPath(me, topicId, slots[i] ?? i + 1)
        const key = `${p.path}→${path}`
        const id = uploaded.current.get(key) ?? (await uploadPhoto(p.path, path))
        uploaded.current.set(key, id)
        add.push(id)
      }
      await send({ add }, '照片已添加')
      setPicked([])
      setAdding(false)
    } catch (e) {
      setMessage(failureCopy(e, '上传失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const remove = async (id: string) => {
    setBusy(true)
    setMessage(null)
    try {
      await send({ remove: [id] }, '照片已删除')
    } catch (e) {
      setMessage(failureCopy(e, '删除失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  if (photos.length === 0 && !props.canEdit) return null
  const all = photos.map((p) => urls[p]).filter((u): u is string => !!u)
  return (
    <View ariaRole="group" ariaLabel="实施照片">
      <Text className="t-body meeting__label">实施照片</Text>
      <View className="meeting__photos">
        {photos.map((p, i) => (
          <View key={p} className="meeting__photo">
            {urls[p] && (
              <Image
                className="meeting__photo-img"
                src={urls[p] as string}
                mode="aspectFill"
                ariaLabel={`实施照片 ${i + 1}`}
                onClick={() => void Taro.previewImage({ current: urls[p] as string, urls: all })}
              />
            )}
            {props.canEdit && (
              <Button
                className="btn meeting__photo-remove"
                size="small"
                disabled={busy}
                onClick={() => void remove(p)}
              >
                {`删除第${i + 1}张`}
              </Button>
            )}
          </View>
        ))}
      </View>
      {props.canEdit && !adding && photos.length < WORK_PHOTOS_MAX && (
        <Button className="btn" block disabled={busy} onClick={() => setAdding(true)}>
          添加实施照片
        </Button>
      )}
      {props.canEdit && adding && (
        <View ariaRole="form" ariaLabel="添加实施照片">
          <PhotoPicker
            photos={picked}
            onChange={setPicked}
            busy={busy}
            setBusy={setBusy}
            onNotice={setMessage}
            label="实施照片"
            max={WORK_PHOTOS_MAX - photos.length}
          />
          <FormActions busy={busy} onSubmit={add} onBack={() => setAdding(false)}>
            上传照片
          </FormActions>
        </View>
      )}
      <Notice text={message} />
    </View>
  )
}
