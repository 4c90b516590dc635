import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { photoUrls } from '../services/upload'
import './PhotoPicker.scss'

/** Stored photos (file ids) as a row of thumbnails; a tap opens them full screen. Subpackages only. */
export function PhotoStrip(props: { readonly photos: readonly string[]; readonly label: string }) {
  const { photos, label } = props
  const [urls, setUrls] = useState<Record<string, string>>({})
  const key = photos.join('|')
  useEffect(() => {
    if (photos.length) photoUrls(photos).then(setUrls, () => setUrls({}))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  if (photos.length === 0) return null
  const all = photos.map((p) => urls[p]).filter((u): u is string => !!u)
  return (
    <View className="photo-picker" ariaRole="group" ariaLabel={label}>
      {photos.map((p, i) =>
        urls[p] ? (
          <Image
            key={p}
            className="photo-picker__img"
            src={urls[p] as string}
            mode="aspectFill"
            ariaLabel={`${label} ${i + 1}`}
            onClick={() => void Taro.previewImage({ current: urls[p] as string, urls: all })}
          />
        ) : null,
      )}
    </View>
  )
}
