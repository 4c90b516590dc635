/**
 * The .xlsx writer (cloudfunctions/shared/xlsx.ts), read back by an independent reader: Python's
 * zipfile (CRC-checked inflate) for the package, the sheet XML for the cells.
 */
import { execFileSync } from 'node:child_process'
import { buildXlsx, crc32, SheetWriter, zip, type Cell } from '../../cloudfunctions/shared/xlsx'
import { readXlsx } from '../support/xlsx-read'

interface Read {
  entries: { name: string; method: number; size: number; packed: number }[]
  sheet: string
}

function readBack(file: Buffer): Read {
  const read = `
import io, json, sys, zipfile
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
assert z.testzip() is None
print(json.dumps({
  'entries': [{'name': i.filename, 'method': i.compress_type, 'size': i.file_size, 'packed': i.compress_size} for i in z.infolist()],
  'sheet': z.read('xl/worksheets/sheet1.xml').decode('utf-8') if 'xl/worksheets/sheet1.xml' in z.namelist() else '',
}))
`
  return JSON.parse(
    execFileSync('python3', ['-c', read], { input: file, maxBuffer: 64 << 20 }).toString(),
  ) as Read
}

/** The cells of each row, as text, from the sheet XML. */
const cellsOf = (sheet: string): string[][] =>
  [...sheet.matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((m) =>
    [
      ...(m[1] as string).matchAll(
        /<c r="[A-Z]+\d+"[^>]*>(?:<is><t[^>]*>(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/g,
      ),
    ].map((c) => (c[1] ?? c[2]) as string),
  )

describe('xlsx writer', () => {
  const header = ['姓名', '所在楼栋', '服务日期', '服务时长（小时）', '备注']
  const rows: Cell[][] = Array.from({ length: 5000 }, (_, i) => [
    `居民${i}`,
    `${(i % 12) + 1}号楼`,
    `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
    (i % 8) / 2,
    i % 7 === 0 ? 'A & B <同行>' : '',
  ])

  it('deflates a 5,000-row sheet to a small fraction of its size, and every cell reads back', () => {
    const file = buildXlsx(
      { name: '志愿服务记录', rows: [header, ...rows] },
      new Date('2026-12-07T00:00:00Z'),
    )
    const read = readBack(file)
    const sheet = read.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')
    expect(sheet?.method).toBe(8) // ZIP_DEFLATED
    expect(sheet && sheet.packed / sheet.size).toBeLessThan(0.15)
    expect(file.length).toBeLessThan(400_000)
    const cells = cellsOf(read.sheet)
    expect(cells).toHaveLength(5001)
    expect(cells[0]).toEqual(header)
    expect(cells[1]).toEqual(['居民0', '1号楼', '2026-11-01', '0', 'A &amp; B &lt;同行&gt;'])
    expect(cells[5000]).toEqual(['居民4999', '8号楼', '2026-11-16', '3.5'])
  })

  it('stores an entry that deflating would not shrink, and the archive still reads back', () => {
    const tiny = Buffer.from('x')
    const read = readBack(zip([{ name: 'a.txt', data: tiny }]))
    expect(read.entries).toEqual([{ name: 'a.txt', method: 0, size: 1, packed: 1 }])
  })

  it('continues a CRC-32 over pieces', () => {
    const a = Buffer.from('网格化治理 ')
    const b = Buffer.from('接诉即办')
    expect(crc32(b, crc32(a))).toBe(crc32(Buffer.concat([a, b])))
  })

  it('writes a sheet row by row in deflated chunks: one valid stream, the same cells as buildXlsx', async () => {
    const at = new Date('2026-12-07T00:00:00Z')
    const sheet = new SheetWriter('工单明细', header, [10, 10, 12, 16, 10])
    for (const row of rows) sheet.add(row)
    expect(sheet.rows).toBe(5000)
    const file = sheet.finish(at)
    const read = readBack(file) // Python's zipfile inflates and checks the CRC of every entry
    const part = read.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')
    expect(part?.method).toBe(8)
    expect(part && part.packed / part.size).toBeLessThan(0.2)
    expect(cellsOf(read.sheet)).toEqual(
      cellsOf(readBack(buildXlsx({ name: 'x', rows: [header, ...rows] }, at)).sheet),
    )
    const excel = await readXlsx(file)
    expect(excel.name).toBe('工单明细')
    expect(excel.rows).toHaveLength(5001)
    expect(excel.rows[0]).toEqual(header)
    expect(excel.rows[7]).toEqual(['居民6', '7号楼', '2026-11-07', 3, ''])
    expect(excel.rows[8]).toEqual(['居民7', '8号楼', '2026-11-08', 3.5, 'A & B <同行>'])
  })

  it('an empty sheet is its header only', async () => {
    const file = new SheetWriter('空表', ['时间', '积分']).finish()
    expect((await readXlsx(file)).rows).toEqual([['时间', '积分']])
  })
})
