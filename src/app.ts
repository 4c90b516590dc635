import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { reportOutbox } from './services/drafts-report'
import { initPlatform } from './services/platform'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initPlatform()
    // Reports saved on the device while offline are sent from any page, not only the reports pages:
    // retried now, on network recovery and whenever the app returns to the foreground.
    reportOutbox()
  })
  return children
}

export default App
