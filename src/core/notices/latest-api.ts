/**
 * The home page's one notices action (the main package imports only this file, not ./api.ts).
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'

/** The newest notice for me (pinned first), for the home card; null when there is none. */
export interface LatestNotice {
  readonly id: string
  readonly title: string
  readonly publishAt: string
  readonly pinned: boolean
}

export const latestNoticeActions = {
  'notice.latest': defineAction<{ readonly notice: LatestNotice | null }>()(v.strictObject({})),
}
