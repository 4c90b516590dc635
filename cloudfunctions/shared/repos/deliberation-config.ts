/**
 * The deliberation store's settings (a community's 议事设置, `deliberation_config`) and metrics
 * (`topic_stats`: two small reads, never a scan). Core decides (src/core/deliberation/carry.ts, stats.ts).
 */
import { isStaffOver } from '../../../src/core/access'
import type { TopicStatsView } from '../../../src/core/deliberation/carry-api'
import {
  checkConfig,
  DefaultDeliberationConfig,
  type DeliberationConfig,
} from '../../../src/core/deliberation/carry'
import {
  EmptyTopicStats,
  statsId,
  statsRates,
  TOPIC_STATS,
  type TopicStats,
} from '../../../src/core/deliberation/stats'
import { CommonErrorCodes, DomainError } from '../../../src/core/errors'
import type { Grid } from '../../../src/core/org/model'
import type { Actor } from '../../../src/core/roles'
import type { CallContext } from '../kit'
import { db } from '../sdk'
import { getDoc } from './docs'
export const CONFIG = 'deliberation_config'

// ── Settings ──

export async function configOf(communityId: string): Promise<DeliberationConfig> {
  const stored = await getDoc<Partial<DeliberationConfig>>(CONFIG, communityId)
  return { ...DefaultDeliberationConfig, ...(stored ? pick(stored) : {}) }
}

const pick = (c: Partial<DeliberationConfig>): Partial<DeliberationConfig> => ({
  ...(c.supportPct !== undefined ? { supportPct: c.supportPct } : {}),
  ...(c.evaluationDays !== undefined ? { evaluationDays: c.evaluationDays } : {}),
  ...(c.reopenPct !== undefined ? { reopenPct: c.reopenPct } : {}),
})

/** deliberation.configure: a community admin's settings (each within its bounds), set whole. */
export async function configure(
  ctx: CallContext,
  input: { communityId: string } & Partial<DeliberationConfig>,
  now: Date,
): Promise<DeliberationConfig> {
  const next = checkConfig(input, await configOf(input.communityId))
  await db()
    .collection(CONFIG)
    .doc(input.communityId)
    .set({ ...next, updatedAt: now, updatedBy: ctx.actor.userId })
  return next
}

// ── Metrics ──

/** topic.stats: a grid's or a community's counters (staff over it): two small reads, never a scan. */
export async function stats(
  actor: Actor,
  input: { gridId?: string; communityId?: string },
): Promise<TopicStatsView> {
  let level: 'grid' | 'community'
  let placeId: string
  let path: { streetId: string; communityId: string; gridId?: string }
  if (input.gridId) {
    const g = await getDoc<Grid>('grids', input.gridId)
    if (!g) throw new DomainError(CommonErrorCodes.NOT_FOUND, '网格不存在')
    level = 'grid'
    placeId = input.gridId
    path = { streetId: g.streetId, communityId: g.communityId, gridId: input.gridId }
  } else if (input.communityId) {
    const c = await getDoc<{ streetId: string }>('communities', input.communityId)
    if (!c) throw new DomainError(CommonErrorCodes.NOT_FOUND, '社区不存在')
    level = 'community'
    placeId = input.communityId
    path = { streetId: c.streetId, communityId: input.communityId }
  } else throw new DomainError(CommonErrorCodes.INVALID_INPUT, '请选择网格或社区')
  if (!isStaffOver(actor, path)) throw new DomainError(CommonErrorCodes.FORBIDDEN, '只能查看所管辖的议事统计')
  const doc = await getDoc<Partial<TopicStats>>(TOPIC_STATS, statsId(level, placeId))
  const s: TopicStats = { ...EmptyTopicStats, ...numbersOf(doc) }
  return { level, placeId, ...s, ...statsRates(s) }
}

const numbersOf = (doc: Partial<TopicStats> | null): Partial<TopicStats> =>
  Object.fromEntries(
    Object.keys(EmptyTopicStats).flatMap((k) => {
      const v = (doc as Record<string, unknown> | null)?.[k]
      return typeof v === 'number' ? [[k, v]] : []
    }),
  )
