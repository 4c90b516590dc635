/** Volunteer hours: my lines and their total, and the staff's export of a community's hours. */
import { homeCommunity, homeOf } from '../../../src/core/access'
import type { HoursExport, HoursLine, MyHours } from '../../../src/core/activities/api'
import { exportPath, type HoursRecord } from '../../../src/core/activities/model'
import {
  beijingDate,
  EXPORT_COLUMNS,
  exportRange,
  exportRows,
  totalHours,
} from '../../../src/core/activities/rules'
import type { UserRecord } from '../../../src/core/me/model'
import type { CallContext } from '../kit'
import { cloud, db } from '../sdk'
import { buildXlsx } from '../xlsx'
import { logAccess } from './access-log'
import { getDoc, namesByIds } from './docs'
import { displayName, EXPORT_MAX_ROWS, HOURS, HOURS_MAX, tempUrl } from './activities-base'

export function lineOf(h: HoursRecord): HoursLine {
  return {
    activityId: h.activityId,
    title: h.title,
    team: h.team,
    place: h.place,
    date: new Date(h.date).toISOString(),
    hours: h.hours,
    points: h.points,
    confirmedByName: h.confirmedByName,
    organisation: h.organisation,
    confirmedAt: new Date(h.confirmedAt).toISOString(),
  }
}

/** hours.mine: my volunteer-hours lines (newest first, up to 500) and their total. */
export async function mineHours(ctx: CallContext, now: Date): Promise<MyHours> {
  const home = homeCommunity(ctx.actor)
  const [res, community] = await Promise.all([
    db()
      .collection(HOURS)
      .where({ userId: ctx.actor.userId })
      .orderBy('date', 'desc')
      .orderBy('_id', 'desc')
      .limit(HOURS_MAX)
      .get(),
    home ? getDoc<{ name: string }>('communities', home) : Promise.resolve(null),
  ])
  const lines = (res.data as HoursRecord[]).map(lineOf)
  return {
    name: displayName(ctx.user),
    communityName: community?.name ?? '',
    totalHours: totalHours(lines),
    count: lines.length,
    lines,
    issuedAt: now.toISOString(),
  }
}

/**
 * hours.export: a community admin's .xlsx of the community's volunteer-hours lines in the range,
 * stored at exports/hours/<communityId>/<ms>.xlsx and answered with a temporary URL. The file
 * carries residents' names: the export is logged as an access to their data first.
 */
export async function exportHours(
  ctx: CallContext,
  input: { communityId: string; from?: string | undefined; to?: string | undefined },
  now: Date,
): Promise<HoursExport> {
  // The community scope was checked by the kit (permission row `hours.export`), refusals logged.
  const range = exportRange(input.from, input.to, now)
  const _ = db().command
  const records: HoursRecord[] = []
  let lastId: string | null = null
  while (records.length < EXPORT_MAX_ROWS) {
    const where: object = _.and([
      { communityId: input.communityId, date: _.and(_.gte(range.from), _.lte(range.to)) },
      lastId === null ? {} : { _id: _.gt(lastId) },
    ])
    const page = (await db().collection(HOURS).where(where).orderBy('_id', 'asc').limit(1000).get())
      .data as HoursRecord[]
    records.push(...page)
    if (page.length < 1000) break
    lastId = page[page.length - 1]?._id ?? null
  }
  const userIds = [...new Set(records.map((r) => r.userId))]
  const people = new Map<string, { name: string; buildingName: string }>()
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500)
    const users = (
      await db()
        .collection('users')
        .where({ _id: _.in(chunk) })
        .field({ realName: true, displayName: true, grants: true })
        .limit(chunk.length)
        .get()
    ).data as UserRecord[]
    const buildingOf = (u: UserRecord) => homeOf(u)?.buildingId ?? ''
    const names = await namesByIds('buildings', users.map(buildingOf).filter(Boolean))
    for (const u of users)
      people.set(u._id, { name: displayName(u), buildingName: names.get(buildingOf(u)) ?? '' })
  }
  const rows = exportRows(records, people)
  const community = await getDoc<{ name: string }>('communities', input.communityId)
  const fileName = `志愿服务记录-${community?.name ?? input.communityId}-${beijingDate(range.from)}至${beijingDate(range.to)}.xlsx`
  const xlsx = buildXlsx(
    { name: '志愿服务记录', rows, widths: EXPORT_COLUMNS.map((c) => Math.max(10, [...c].length * 2 + 2)) },
    now,
  )
  await logAccess({
    actorId: ctx.actor.userId,
    action: 'hours.export',
    subject: input.communityId,
    people: userIds,
    allowed: true,
    requestId: ctx.requestId,
    at: now,
  })
  const { fileID } = await cloud().uploadFile({
    cloudPath: exportPath(input.communityId, now),
    fileContent: xlsx,
  })
  const url = await tempUrl(fileID)
  if (!url) throw new Error(`no temporary URL for ${fileID}`)
  return { fileID, url, fileName, rows: records.length }
}
