import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { photoUrls } from '../../../services/upload'
import '../meeting.scss'

const NONE: readonly string[] = []

/**
 * A proposed topic's photos (as the report detail shows a report's): the proposer and staff see
 * them at once; the grid's other residents once staff looked at the topic, until then a line says so.
 */
export function TopicPhotos(props: { readonly photos?: readonly string[]; readonly count?: number }) {
  // A topic answered by a function older than photos has neither field: nothing to show.
  const photos = props.photos ?? NONE
  const count = props.count ?? 0
  const [urls, setUrls] = useState<Record<string, string>>({})
  useEffect(() => {
    if (photos.length) photoUrls(photos).then(setUrls, () => setUrls({}))
  }, [photos])
  if (count === 0) return null
  if (photos.length === 0)
    return (
      <View>
        <Text className="t-muted">有 {count} 张照片，经工作人员查看后公开</Text>
      </View>
    )
  const all = photos.map((p) => urls[p]).filter((u): u is string => !!u)
  return (
    <View className="meeting__photos" ariaRole="group" ariaLabel="议题照片">
      {photos.map((p, i) =>
        urls[p] ? (
          <Image
            key={p}
            className="meeting__photo-img"
            src={urls[p] as string}
            mode="aspectFill"
            ariaLabel={`议题照片 ${i + 1}`}
            onClick={() => void Taro.previewImage({ current: urls[p] as string, urls: all })}
          />
        ) : null,
      )}
    </View>
  )
}
