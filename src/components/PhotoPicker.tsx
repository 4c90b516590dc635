import { Image, Text, View } from '@tarojs/components'
import { MAX_PHOTO_BYTES } from '@core/orders/errors'
import { Button } from './ui'
import { compressPhoto, pickPhotos } from '../services/upload'
import { admitPhotos, MAX_PHOTOS, type PickedPhoto } from '../services/upload-rules'
import './PhotoPicker.scss'

interface Props {
  readonly photos: readonly PickedPhoto[]
  readonly onChange: (photos: readonly PickedPhoto[]) => void
  /** The page's busy flag: picking and compressing holds the submit button. */
  readonly busy: boolean
  readonly setBusy: (busy: boolean) => void
  /** What happened to the last pick (kept 9 of 10, too big after compressing…); null clears it. */
  readonly onNotice: (notice: string | null) => void
  /** What the photos are (照片, 现场照片, 会议照片, 实现心愿的照片…). */
  readonly label?: string
  /** How many may be picked (at most 9; fewer when some are already shown, or for a smaller form). */
  readonly max?: number
  /** Say 选填 (default) or 必填 beside the label. */
  readonly required?: boolean
}

/**
 * Photos for a form: picked, compressed on the phone (each ≤ MAX_PHOTO_BYTES), each removable, up to
 * `max`. Only subpackages use it (a report, a topic, a meeting, a wish), so each carries its own
 * copy and the main package none (Taro's sub-common).
 */
export function PhotoPicker({
  photos,
  onChange,
  busy,
  setBusy,
  onNotice,
  label = '照片',
  max = MAX_PHOTOS,
  required = false,
}: Props) {
  const add = async () => {
    onNotice(null)
    setBusy(true)
    try {
      const picked = await pickPhotos(max - photos.length)
      const { accepted, notice } = admitPhotos(photos.length + MAX_PHOTOS - max, picked)
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
      <Text className="t-body photo-picker__label">
        {label}（{required ? '必填' : '选填'}，最多 {max} 张，已选 {photos.length} 张）
      </Text>
      <View className="photo-picker">
        {photos.map((p, i) => (
          <View key={p.path} className="photo-picker__photo">
            <Image
              className="photo-picker__img"
              src={p.path}
              mode="aspectFill"
              ariaLabel={`第 ${i + 1} 张照片`}
            />
            <Button
              className="btn photo-picker__remove"
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
