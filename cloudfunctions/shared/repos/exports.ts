/**
 * Excel exports (数据导出): read the store in keyset pages of the period (indexes on the scope and
 * the period's date field, declared by each collection's owner), map each page to rows with core's
 * mappers (src/core/exports/rows.ts), write one .xlsx (../xlsx.ts, deflated), store it in cloud
 * storage and answer a temporary URL. Counted first: past EXPORT_MAX_ROWS nothing is read, written
 * or logged. Every file made is one access-log entry naming every resident whose data it carries.
 */
import { DomainError } from '../../../src/core/errors'
import type { ExportFile } from '../../../src/core/exports/api'
import { ExportErrors } from '../../../src/core/exports/errors'
import { periodOf } from '../../../src/core/exports/period'
import { ExportColumns, exportFileName, isExportKind } from '../../../src/core/exports/rows'
import type { CallContext } from '../kit'
import { cloud } from '../sdk'
import { SheetWriter } from '../xlsx'
import { logAccess } from './access-log'
import { builders } from './exports-kinds'
import { loadScope, type Out } from './exports-base'

const TEMP_URL_MAX_AGE_S = 2 * 60 * 60

/** The column widths: wide enough for the header, wider for times and the timeline. */
const widthOf = (header: string) =>
  header === '办理经过' ? 48 : /时间/.test(header) ? 18 : Math.max(10, [...header].length * 2 + 2)

async function tempUrl(fileID: string): Promise<string | null> {
  const res = await cloud().getTempFileURL({ fileList: [{ fileID, maxAge: TEMP_URL_MAX_AGE_S }] })
  const f = res.fileList?.[0]
  return f && f.code === 'SUCCESS' && f.tempFileURL ? f.tempFileURL : null
}

/**
 * export.community / export.street: the kit has checked the role over the place (refusals logged).
 * Input checked by core first (kind, days, a year at most): nothing is read before.
 */
export async function makeExport(
  ctx: CallContext,
  input: { kind: string; from: string; to: string },
  level: 'community' | 'street',
  id: string,
  placeName: string,
  now: Date,
): Promise<ExportFile> {
  if (!isExportKind(input.kind))
    throw new DomainError(ExportErrors.BAD_KIND, '不支持导出这类数据，请重新选择')
  const kind = input.kind
  const period = periodOf(input.from, input.to)
  const scope = await loadScope(level, id, placeName)
  const header = ExportColumns[kind]
  const fileName = exportFileName(kind, scope.name, period.fromDay, period.toDay)
  const out: Out = {
    scope,
    people: new Set(),
    sheet: new SheetWriter(fileName.replace(/\.xlsx$/, '').slice(0, 31), header, header.map(widthOf)),
  }
  await builders[kind](out, period)
  const rows = out.sheet.rows
  const xlsx = out.sheet.finish(now)
  const { fileID } = await cloud().uploadFile({
    cloudPath: `exports/${kind}/${id}/${now.getTime()}.xlsx`,
    fileContent: xlsx,
  })
  await logAccess({
    actorId: ctx.actor.userId,
    action: `export.${kind}`,
    subject: id,
    people: [...out.people].filter((p) => p !== ctx.actor.userId),
    allowed: true,
    requestId: ctx.requestId,
    at: now,
  })
  const url = await tempUrl(fileID)
  if (!url) throw new Error(`no temporary URL for ${fileID}`)
  return { kind, fileID, url, fileName, rows, bytes: xlsx.length }
}
