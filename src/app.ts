import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
// First: the platform module (on H5 it brings the polyfills its browsers lack: services/polyfills.h5.ts).
import { initPlatform } from './services/platform'
import { startOutbox } from './services/outbox-start'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initPlatform()
    // Reports saved on the device while offline are sent from any page, not only the reports pages:
    // retried now, on network recovery and whenever the app returns to the foreground.
    // (H5 loads it on demand so the entry chunk holds no feature code: services/outbox-start.h5.ts.)
    startOutbox()
  })
  return children
}

export default App
