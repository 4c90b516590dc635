import { Image, Text, View } from '@tarojs/components'
import { useRef } from 'react'
import { lendingPhotoPath } from '@core/lending/rules'
import { callApi as callMain } from '../../../services/cloud'
import { pickPhotos, uploadPhoto } from '../../../services/upload'
import type { PickedPhoto } from '../../../services/upload-rules'
import { Button } from '../../../components/ui'

const imgRole = { ariaRole: 'img' } as object

/** Up to `max` photos picked on the phone; `upload()` puts them in my folder for this request, each once. */
export function usePhotoUpload(requestId: () => string) {
  const done = useRef(new Map<string, string>())
  return async (photos: readonly PickedPhoto[]): Promise<string[]> => {
    if (photos.length === 0) return []
    const me = (await callMain('me.profile', {})).userId
    const out: string[] = []
    for (const [i, p] of photos.entries()) {
      const path = lendingPhotoPath(me, requestId(), i + 1)
      const key = `${p.path}→${path}`
      const id = done.current.get(key) ?? (await uploadPhoto(p.path, path))
      done.current.set(key, id)
      out.push(id)
    }
    return out
  }
}

export function PhotoPick({
  label,
  max,
  photos,
  onChange,
  onNotice,
}: {
  readonly label: string
  readonly max: number
  readonly photos: readonly PickedPhoto[]
  readonly onChange: (p: PickedPhoto[]) => void
  readonly onNotice: (m: string | null) => void
}) {
  const add = async () => {
    try {
      const picked = await pickPhotos(max - photos.length)
      onChange([...photos, ...picked].slice(0, max))
    } catch {
      onNotice('没有选到照片，请重试')
    }
  }
  return (
    <View ariaRole="group" ariaLabel={label}>
      <Text className="t-body lend__label">{`${label}（可选，最多 ${max} 张）`}</Text>
      {photos.map((p, i) => (
        <View key={p.path}>
          <Image
            className="lend__photo"
            src={p.path}
            mode="aspectFit"
            {...imgRole}
            ariaLabel={`${label} ${i + 1}`}
          />
          <Button className="btn" onClick={() => onChange(photos.filter((x) => x !== p))}>
            {`删除第 ${i + 1} 张`}
          </Button>
        </View>
      ))}
      {photos.length < max && (
        <Button className="btn" onClick={() => void add()}>
          添加照片
        </Button>
      )}
    </View>
  )
}
