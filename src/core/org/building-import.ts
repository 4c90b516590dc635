/**
 * Bulk import of buildings from CSV (community admins). Columns, header row required, UTF-8:
 *
 *   grid,building,units        (or the Chinese headers 网格,楼栋,单元数)
 *   新华社区第1网格,13号楼,2
 *
 * - grid: the grid's name in this community (or its id)
 * - building: the building's name, ≤ 20 characters, unique within its grid
 * - units: number of units (单元), 1–20; units are named 1单元…N单元
 *
 * Every line is checked and every error reported with its line number; if any line is wrong,
 * nothing is imported.
 */

export interface ImportRow {
  readonly line: number
  readonly grid: string
  readonly building: string
  readonly units: number
}

export interface LineError {
  readonly line: number
  readonly message: string
}

export const IMPORT_MAX_ROWS = 2000
const HEADERS: Record<string, 'grid' | 'building' | 'units'> = {
  grid: 'grid',
  网格: 'grid',
  building: 'building',
  楼栋: 'building',
  units: 'units',
  单元数: 'units',
}

/** Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  const src = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i]
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i += 1
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += c
  }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}

export interface GridRef {
  readonly _id: string
  readonly name: string
}

/**
 * Checks a CSV against the community's grids and existing buildings (names per grid id).
 * Returns either the rows to import or every line's errors.
 */
export function checkBuildingImport(
  text: string,
  grids: readonly GridRef[],
  existing: ReadonlyMap<string, ReadonlySet<string>>,
): { ok: true; rows: (ImportRow & { gridId: string })[] } | { ok: false; errors: LineError[] } {
  const records = parseCsv(text)
  const errors: LineError[] = []
  const header = records[0]?.map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()])
  if (!header || !header.includes('grid') || !header.includes('building') || !header.includes('units')) {
    return {
      ok: false,
      errors: [{ line: 1, message: '第一行须为表头：grid,building,units（或 网格,楼栋,单元数）' }],
    }
  }
  const col = (name: 'grid' | 'building' | 'units') => header.indexOf(name)
  const body = records.slice(1)
  if (body.filter((r) => r.some((f) => f.trim() !== '')).length === 0) {
    return { ok: false, errors: [{ line: 2, message: '文件中没有楼栋数据' }] }
  }
  if (body.length > IMPORT_MAX_ROWS) {
    return {
      ok: false,
      errors: [{ line: IMPORT_MAX_ROWS + 2, message: `一次最多导入 ${IMPORT_MAX_ROWS} 行` }],
    }
  }
  const byName = new Map(grids.map((g) => [g.name, g._id]))
  const byId = new Set(grids.map((g) => g._id))
  const seen = new Map<string, number>()
  const rows: (ImportRow & { gridId: string })[] = []
  body.forEach((record, index) => {
    const line = index + 2
    if (record.every((f) => f.trim() === '')) return
    const grid = (record[col('grid')] ?? '').trim()
    const building = (record[col('building')] ?? '').trim()
    const unitsText = (record[col('units')] ?? '').trim()
    const gridId = byName.get(grid) ?? (byId.has(grid) ? grid : undefined)
    const lineErrors: string[] = []
    if (!grid) lineErrors.push('网格不能为空')
    else if (!gridId) lineErrors.push(`本社区没有网格“${grid}”`)
    if (!building) lineErrors.push('楼栋名称不能为空')
    else if ([...building].length > 20) lineErrors.push('楼栋名称不能超过 20 个字')
    const units = /^\d+$/.test(unitsText) ? Number(unitsText) : NaN
    if (!Number.isInteger(units) || units < 1 || units > 20) lineErrors.push('单元数须为 1–20 的整数')
    if (gridId && building) {
      const key = `${gridId}\u0000${building}`
      const first = seen.get(key)
      if (first !== undefined) lineErrors.push(`与第 ${first} 行重复`)
      else seen.set(key, line)
      if (existing.get(gridId)?.has(building)) lineErrors.push(`网格中已有“${building}”`)
    }
    if (lineErrors.length > 0) errors.push({ line, message: lineErrors.join('；') })
    else if (gridId) rows.push({ line, grid, gridId, building, units })
  })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows }
}
