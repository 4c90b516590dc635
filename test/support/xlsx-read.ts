/**
 * Reads an .xlsx back with an independent reader (ExcelJS, a dev dependency): the first sheet's
 * name and its rows as plain values (text or number; an empty cell is '').
 */
import ExcelJS from 'exceljs'

export interface ReadSheet {
  readonly name: string
  readonly rows: (string | number)[][]
}

export async function readXlsx(file: Buffer): Promise<ReadSheet> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(file as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  if (!ws) throw new Error('no sheet in the file')
  const rows: (string | number)[][] = []
  const width = ws.columnCount
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: (string | number)[] = []
    for (let c = 1; c <= width; c += 1) {
      const v = row.getCell(c).value
      cells.push(v === null || v === undefined ? '' : typeof v === 'number' ? v : String(v))
    }
    rows.push(cells)
  })
  return { name: ws.name, rows }
}
