import { Image, Text, View } from '@tarojs/components'
import { MAX_PHOTO_BYTES } from '@core/orders/errors'
import { MEETING_PHOTOS_MAX } from '@core/deliberation/meeting'
import { Button } from '../../../components/ui'
import { compressPhoto, pickPhotos } from '../../../services/upload'
import { admitPhotos, type PickedPhoto } from '../../../services/upload-rules'

interface Props {
  readonly photos: readonly PickedPhoto[]
  readonly onChange: (photos: readonly PickedPhoto[]) => void
  readonly busy: boolean
  readonly setBusy: (busy: boolean) => void
  /** What happened to the last pick (kept 9 of 10, too big after compressing…). */
  readonly onNotice: (notice: string | null) => void
  /** What the photos are (会议照片; a proposed topic's: 现场照片; the work's: 实施照片). */
  readonly label?: string
  /** How many may be picked (9; fewer when some are already shown). */
  readonly max?: number
}

/** 会议照片（选填）, or a proposed topic's, or the work's: up to 9, compressed on the phone (as a report's), each removable. */
export function MeetingPhotos({
  photos,
  onChange,
  busy,
  setBusy,
  onNotice,
  label = '会议照片',
  max = MEETING_PHOTOS_MAX,
}: Props) {
  const add = async () => {
    onNotice(null)
    setBusy(true)
    try {
      const picked = await pickPhotos(max - photos.length)
      const { accepted, notice } = admitPhotos(photos.length + MEETING_PHOTOS_MAX - max, picked)
      const ready: PickedPhoto[] = []
      let tooBig = 0
      for (const p of accepted) {
        const small = await compressPhoto(p.path)
        if (small.size > MAX_PHOTO_BYTES) tooBig++
        else ready.push(small)
      }
      onChange([...photos, ...ready].slice(0, max))
      onNotice(
        [notice, tooBig ? `${tooBig} 张照片压缩后仍过大，未添加` : null].filter(Boolean).join('；') || null,
      )
    } catch {
      onNotice('无法读取照片，请重新选择')
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <Text className="t-body meeting__label">
        {label}（选填，最多 {max} 张，已选 {photos.length} 张）
      </Text>
      <View className="meeting__photos">
        {photos.map((p, i) => (
          <View key={p.path} className="meeting__photo">
            <Image
              className="meeting__photo-img"
              src={p.path}
              mode="aspectFill"
              ariaLabel={`第 ${i + 1} 张照片`}
            />
            <Button
              className="btn meeting__photo-remove"
              size="small"
              onClick={() => onChange(photos.filter((x) => x.path !== p.path))}
            >
              {`删除第${i + 1}张`}
            </Button>
          </View>
        ))}
      </View>
      {photos.length < max && (
        <Button className="btn" block disabled={busy} onClick={() => void add()}>
          添加照片
        </Button>
      )}
    </>
  )
}
