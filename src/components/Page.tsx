import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useElderMode } from '../hooks/elder-mode'

interface PageProps {
  /** Read out by screen readers as the page's main region. */
  readonly label: string
  readonly children: ReactNode
}

/** Every page's root: the main landmark, and elder mode applied to all tokens below it. */
export function Page({ label, children }: PageProps) {
  const elder = useElderMode()
  return (
    <View className={elder ? 'page elder' : 'page'} ariaRole='main' ariaLabel={label}>
      {children}
    </View>
  )
}
