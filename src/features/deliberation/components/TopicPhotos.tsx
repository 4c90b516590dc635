import { Text, View } from '@tarojs/components'
import { PhotoStrip } from '../../../components/PhotoStrip'

const NONE: readonly string[] = []

/**
 * A proposed topic's photos (as the report detail shows a report's): the proposer and staff see
 * them at once; the grid's other residents once staff looked at the topic, until then a line says so.
 */
export function TopicPhotos(props: { readonly photos?: readonly string[]; readonly count?: number }) {
  // A topic answered by a function older than photos has neither field: nothing to show.
  const photos = props.photos ?? NONE
  const count = props.count ?? 0
  if (count === 0) return null
  if (photos.length === 0)
    return (
      <View>
        <Text className="t-muted">有 {count} 张照片，经工作人员查看后公开</Text>
      </View>
    )
  return <PhotoStrip photos={photos} label="议题照片" />
}
