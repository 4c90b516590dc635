import { useCallback, useEffect, useState } from 'react'
import type { Profile } from '@core/me/api'
import { callApi, failureCopy } from '../services/cloud'
import { NotSignedInError } from '../services/transport-types'

export type ProfileState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly profile: Profile }
  | { readonly status: 'signed-out' }
  | { readonly status: 'error'; readonly message: string }

/** The caller's profile (me.profile), with a reload for pull-to-refresh and retry buttons. */
export function useProfile(): ProfileState & { reload: () => void } {
  const [state, setState] = useState<ProfileState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    // A refresh (pull-down) keeps the profile on screen until the new one is in: nothing flashes.
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }))
    callApi('me.profile', {}).then(
      (profile) => live && setState({ status: 'ready', profile }),
      (err: unknown) => {
        if (!live) return
        if (err instanceof NotSignedInError) setState({ status: 'signed-out' })
        else setState({ status: 'error', message: failureCopy(err, '加载失败，请重试') })
      },
    )
    return () => {
      live = false
    }
  }, [attempt])
  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, reload }
}
