/**
 * A small dependency-free .xlsx writer: one sheet of strings and numbers, inline strings (no shared
 * string table), a bold header row, column widths. The package is a ZIP whose entries are deflated
 * (node:zlib) with their CRC-32, which every spreadsheet program reads: a sheet's XML is very
 * repetitive, so a 5,000-row export is about a tenth of its stored size.
 */
import { constants, deflateRawSync } from 'node:zlib'

export type Cell = string | number | null | undefined

export interface SheetSpec {
  readonly name: string
  readonly rows: readonly (readonly Cell[])[]
  /** Column widths in characters (optional). */
  readonly widths?: readonly number[]
  /** Whether the first row is a header (bold). Default true. */
  readonly header?: boolean
}

// ── ZIP (deflated entries) ──

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n += 1) {
    let c = n
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

/** CRC-32 of `data`; pass the CRC of what came before to continue it (crc32(b, crc32(a)) = crc32(a + b)). */
export function crc32(data: Uint8Array, before = 0): number {
  let c = (before ^ 0xffffffff) >>> 0
  for (let i = 0; i < data.length; i += 1)
    c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function dosTime(at: Date): { time: number; date: number } {
  const year = Math.max(at.getUTCFullYear(), 1980)
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  }
}

export interface ZipEntry {
  readonly name: string
  readonly data: Buffer
}

/** An entry deflated as it was written (SheetWriter): its deflated body, the CRC-32 and size of its data. */
export interface PackedEntry {
  readonly name: string
  readonly packed: Buffer
  readonly crc: number
  readonly size: number
}

const STORED = 0
const DEFLATED = 8

/**
 * A ZIP archive, names in UTF-8. Each entry is deflated, or stored when deflating would not make it
 * smaller (a tiny part).
 */
export function zip(entries: readonly (ZipEntry | PackedEntry)[], at: Date = new Date()): Buffer {
  const { time, date } = dosTime(at)
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    let crc: number
    let method: number
    let body: Buffer
    let size: number
    if ('packed' in entry) {
      ;[crc, method, body, size] = [entry.crc, DEFLATED, entry.packed, entry.size]
    } else {
      crc = crc32(entry.data)
      const deflated = deflateRawSync(entry.data, { level: 6 })
      method = deflated.length < entry.data.length ? DEFLATED : STORED
      body = method === DEFLATED ? deflated : entry.data
      size = entry.data.length
    }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed (2.0: deflate)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    locals.push(local, name, body)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4) // version made by
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(time, 12)
    central.writeUInt16LE(date, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt16LE(0, 30) // extra
    central.writeUInt16LE(0, 32) // comment
    central.writeUInt16LE(0, 34) // disk
    central.writeUInt16LE(0, 36) // internal attributes
    central.writeUInt32LE(0, 38) // external attributes
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    offset += local.length + name.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(0, 4)
  end.writeUInt16LE(0, 6)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  end.writeUInt16LE(0, 20)
  return Buffer.concat([...locals, directory, end])
}

// ── SpreadsheetML ──

/** XML text: escaped, characters XML 1.0 forbids removed. */
export function xmlText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  )
}

/** `A`, `B`, … `Z`, `AA`, … for a zero-based column index. */
export function columnName(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

function cellXml(value: Cell, ref: string, style: number): string {
  const s = style ? ` s="${style}"` : ''
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${s}><v>${value}</v></c>`
  const text = xmlText(String(value))
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : ''
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`
}

/** Row `r` (one-based) of the sheet; style 1 (bold) for a header row. */
function rowXml(row: readonly Cell[], r: number, style: number): string {
  const cells = row.map((v, c) => cellXml(v, `${columnName(c)}${r}`, style)).join('')
  return `<row r="${r}">${cells}</row>`
}

/** The sheet's XML before its rows (the frozen header and the column widths) and after them. */
function sheetFrame(widths: readonly number[] | undefined, header: boolean): { head: string; tail: string } {
  const cols = widths?.length
    ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : ''
  const freeze = header
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    : ''
  return {
    head:
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `${freeze}${cols}<sheetData>`,
    tail: '</sheetData></worksheet>',
  }
}

function sheetXml(spec: SheetSpec): string {
  const header = spec.header ?? true
  const rows = spec.rows.map((row, r) => rowXml(row, r + 1, header && r === 0 ? 1 : 0)).join('')
  const { head, tail } = sheetFrame(spec.widths, header)
  return `${head}${rows}${tail}`
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>'

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>'

const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>'

/** Two cell formats: 0 plain, 1 bold (the header). */
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

/** Sheet names: ≤ 31 characters, none of []:*?/\ . */
function sheetName(name: string): string {
  const clean = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31)
  return clean || 'Sheet1'
}

function workbookXml(name: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheets><sheet name="${xmlText(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`
  )
}

const utf8 = (s: string) => Buffer.from(s, 'utf8')

/** The parts of a one-sheet workbook around its sheet. */
const workbookParts = (name: string): ZipEntry[] => [
  { name: '[Content_Types].xml', data: utf8(CONTENT_TYPES) },
  { name: '_rels/.rels', data: utf8(ROOT_RELS) },
  { name: 'xl/workbook.xml', data: utf8(workbookXml(name)) },
  { name: 'xl/_rels/workbook.xml.rels', data: utf8(WORKBOOK_RELS) },
  { name: 'xl/styles.xml', data: utf8(STYLES) },
]

/** The bytes of a one-sheet .xlsx workbook. */
export function buildXlsx(spec: SheetSpec, at: Date = new Date()): Buffer {
  return zip(
    [...workbookParts(spec.name), { name: 'xl/worksheets/sheet1.xml', data: utf8(sheetXml(spec)) }],
    at,
  )
}

/** Characters of sheet XML gathered before they are deflated (about 0.5–1.5 MB of UTF-8). */
const CHUNK_CHARS = 64 * 1024

/**
 * A one-sheet workbook written row by row (the exports): rows are turned into XML and deflated in
 * chunks as they come, so the whole sheet's text is never held; only its deflated bytes (about a
 * tenth). Each chunk is deflated on its own and ends with a sync flush (byte-aligned, not final);
 * an empty final block closes the stream, so the chunks together are one valid deflate stream.
 */
export class SheetWriter {
  private readonly packed: Buffer[] = []
  private pending: string[] = []
  private pendingChars = 0
  private crc = 0
  private size = 0
  private next = 1
  private readonly tail: string

  constructor(
    private readonly name: string,
    header: readonly Cell[],
    widths?: readonly number[],
  ) {
    const frame = sheetFrame(widths, true)
    this.tail = frame.tail
    this.put(frame.head)
    this.put(rowXml(header, this.next, 1))
    this.next += 1
  }

  /** Data rows written so far (the header not counted). */
  get rows(): number {
    return this.next - 2
  }

  add(row: readonly Cell[]): void {
    this.put(rowXml(row, this.next, 0))
    this.next += 1
  }

  private put(xml: string): void {
    this.pending.push(xml)
    this.pendingChars += xml.length
    if (this.pendingChars >= CHUNK_CHARS) this.flush()
  }

  private flush(): void {
    if (this.pending.length === 0) return
    const data = utf8(this.pending.join(''))
    this.pending = []
    this.pendingChars = 0
    this.crc = crc32(data, this.crc)
    this.size += data.length
    this.packed.push(deflateRawSync(data, { level: 6, finishFlush: constants.Z_SYNC_FLUSH }))
  }

  /** The workbook's bytes; the writer is done. */
  finish(at: Date = new Date()): Buffer {
    this.put(this.tail)
    this.flush()
    this.packed.push(deflateRawSync(Buffer.alloc(0)))
    const sheet: PackedEntry = {
      name: 'xl/worksheets/sheet1.xml',
      packed: Buffer.concat(this.packed),
      crc: this.crc,
      size: this.size,
    }
    this.packed.length = 0
    return zip([...workbookParts(this.name), sheet], at)
  }
}
