import { View, Text, Image } from '@tarojs/components'
import type { Dispatch, SetStateAction } from 'react'
import { MAX_PHOTO_BYTES } from '@core/orders/api'
import { Button } from '../../../components/ui'
import { compressPhoto, pickPhotos } from '../../../services/upload'
import { MAX_PHOTOS, admitPhotos, type PickedPhoto } from '../../../services/upload-rules'

interface Props {
  readonly photos: readonly PickedPhoto[]
  readonly setPhotos: Dispatch<SetStateAction<readonly PickedPhoto[]>>
  /** The page's busy flag: picking and compressing holds the submit button. */
  readonly busy: boolean
  readonly setBusy: (busy: boolean) => void
  /** What happened to the last pick (kept 9 of 10, too big after compressing…). */
  readonly notice: string | null
  readonly setNotice: (notice: string | null) => void
}

/** 照片（选填）: up to MAX_PHOTOS, compressed on the phone; each can be removed. */
export function PhotoPicker({ photos, setPhotos, busy, setBusy, notice, setNotice }: Props) {
  const addPhotos = async () => {
    setNotice(null)
    setBusy(true)
    try {
      const picked = await pickPhotos(MAX_PHOTOS - photos.length)
      const { accepted, notice: left } = admitPhotos(photos.length, picked)
      const ready: PickedPhoto[] = []
      let tooBig = 0
      for (const p of accepted) {
        const small = await compressPhoto(p.path)
        if (small.size > MAX_PHOTO_BYTES) tooBig++
        else ready.push(small)
      }
      setPhotos((cur) => [...cur, ...ready].slice(0, MAX_PHOTOS))
      setNotice(
        [left, tooBig ? `${tooBig} 张照片压缩后仍过大，未添加` : null].filter(Boolean).join('；') || null,
      )
    } catch {
      setNotice('无法读取照片，请重新选择')
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Text className="t-body report__label">
        照片（选填，最多 {MAX_PHOTOS} 张，已选 {photos.length} 张）
      </Text>
      <View className="report__photos">
        {photos.map((p, i) => (
          <View key={p.path} className="report__photo">
            <Image
              className="report__photo-img"
              src={p.path}
              mode="aspectFill"
              ariaLabel={`第 ${i + 1} 张照片`}
            />
            <Button
              className="btn report__photo-remove"
              size="small"
              onClick={() => setPhotos((cur) => cur.filter((x) => x.path !== p.path))}
            >
              {`删除第${i + 1}张`}
            </Button>
          </View>
        ))}
      </View>
      {photos.length < MAX_PHOTOS && (
        <Button className="btn" disabled={busy} onClick={() => void addPhotos()}>
          添加照片
        </Button>
      )}
      {notice && (
        <View ariaRole="status">
          <Text className="t-muted">{notice}</Text>
        </View>
      )}
    </>
  )
}
