/**
 * The contract of 民事民提 from reports: staff raise a topic from work orders of a grid (./raise.ts),
 * and pick them from the grid's open orders.
 */
import * as v from 'valibot'
import { defineAction } from '../contract/define'
import { clientRequestId } from '../join/api'
import type { TopicDetail } from './api'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128))

/** One source order as the topic page lists it: staff see every one, a reporter only their own. */
export interface SourceCell {
  readonly orderId: string
  readonly categoryName: string
  /** The order's first words (staff, or the reporter of their own). */
  readonly summary: string
  readonly mine: boolean
}

/** A topic's sources: everyone sees how many and of which categories; the cells as above. */
export interface SourcesView {
  readonly count: number
  readonly categories: readonly string[]
  readonly cells: readonly SourceCell[]
}

/** An open order of the grid, offered to raise a topic from. */
export interface SourceOption {
  readonly orderId: string
  readonly categoryName: string
  readonly summary: string
  readonly submittedAt: string
  /** Not raised already, not a topic's work order, not held: may be picked. */
  readonly raisable: boolean
  /** Already raised: the topic it went to. */
  readonly raisedTopicId: string | null
}

export interface SourceOptions {
  readonly gridId: string
  readonly items: readonly SourceOption[]
  readonly cursor: string | null
}

export const raiseActions = {
  /**
   * Staff over the grid raise a topic from 1..20 of its work orders (title and text edited from the
   * orders', content-checked). The topic starts 征集支持; each order records it (`raisedTopicId`),
   * once. Idempotent on requestId.
   */
  'topic.raise': defineAction<TopicDetail>()(
    v.strictObject({
      requestId: clientRequestId,
      gridId: id,
      orderIds: v.pipe(v.array(id), v.maxLength(50)),
      title: v.pipe(v.string(), v.maxLength(200)),
      text: v.pipe(v.string(), v.maxLength(4000)),
    }),
  ),
  /** Staff over the grid: its open orders, newest first, 20 a page, marked whether they may be picked. */
  'topic.sources': defineAction<SourceOptions>()(
    v.strictObject({ gridId: id, cursor: v.optional(v.pipe(v.string(), v.maxLength(200))) }),
  ),
}
