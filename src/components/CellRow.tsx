import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Cell } from './ui'

interface Props {
  readonly title: ReactNode
  /** The spoken name, when the title alone does not say it. */
  readonly label?: string
  /** A link (opens what it names) rather than a button. */
  readonly link?: boolean
  readonly onTap: () => void
}

/** A row of a WeUI list (`.cells`): the whole row is the control, its title left, a chevron right. */
export function CellRow({ title, label, link, onTap }: Props) {
  return (
    <View className="cells__row" ariaRole={link ? 'link' : 'button'} ariaLabel={label} onClick={onTap}>
      <Cell align="center" className="btn" title={title} extra={<Text className="t-muted">›</Text>} />
    </View>
  )
}
