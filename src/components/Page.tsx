import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useElderMode } from '../hooks/elder-mode'

interface PageProps {
  /** Read out by screen readers as the page's main region. */
  readonly label: string
  /** A feature's own class on the root, to scope its styles to its pages (e.g. `lend`). */
  readonly className?: string
  readonly children: ReactNode
}

/** Taro maps `aria*` props to `aria-*` attributes; its View typings lack `ariaLevel`. */
const level1 = { ariaLevel: 1 } as object

/**
 * Every page's root: the main landmark with the page's level-one heading (read by screen readers;
 * the title is already drawn by the navigation bar), and elder mode applied to all tokens below it.
 */
export function Page({ label, className, children }: PageProps) {
  const elder = useElderMode()
  const base = className ? `page ${className}` : 'page'
  return (
    <View className={elder ? `${base} elder` : base} ariaRole="main" ariaLabel={label}>
      <View className="sr-only" ariaRole="heading" {...level1}>
        {label}
      </View>
      {children}
    </View>
  )
}
