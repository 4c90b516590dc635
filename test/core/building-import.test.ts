import { checkBuildingImport, parseCsv } from '../../src/core/org/building-import'

const grids = [
  { _id: 'g1', name: '第1网格' },
  { _id: 'g2', name: '第2网格' },
]
const existing = new Map([['g1', new Set(['1号楼'])]])

describe('parseCsv', () => {
  it.each([
    [
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['"x, y",z', [['x, y', 'z']]],
    ['"say ""hi""",z', [['say "hi"', 'z']]],
    ['\uFEFFa,b', [['a', 'b']]],
    ['"multi\nline",2', [['multi\nline', '2']]],
  ])('%j', (text, records) => {
    expect(parseCsv(text)).toEqual(records)
  })
})

describe('building import', () => {
  it('accepts a good file (English or Chinese headers), by grid name or id', () => {
    const res = checkBuildingImport('网格,楼栋,单元数\n第1网格,13号楼,2\ng2,14号楼,1\n', grids, existing)
    expect(res).toEqual({
      ok: true,
      rows: [
        { line: 2, grid: '第1网格', gridId: 'g1', building: '13号楼', units: 2 },
        { line: 3, grid: 'g2', gridId: 'g2', building: '14号楼', units: 1 },
      ],
    })
  })

  it('reports every bad line with its number and imports nothing', () => {
    const csv = [
      'grid,building,units',
      '第1网格,2号楼,2',
      '第9网格,3号楼,2',
      '第1网格,,2',
      '第1网格,4号楼,0',
      '第1网格,5号楼,abc',
      '第1网格,2号楼,1',
      '第1网格,1号楼,2',
      '第2网格,这是一个名字特别特别特别特别特别长的楼栋名称,1',
    ].join('\n')
    const res = checkBuildingImport(csv, grids, existing)
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9])
    expect(res.errors[0]?.message).toContain('第9网格')
    expect(res.errors[4]?.message).toContain('与第 2 行重复')
    expect(res.errors[5]?.message).toContain('已有')
  })

  it.each([
    ['', 1],
    ['name,foo\nx,y', 1],
    ['grid,building,units\n', 2],
  ])('rejects a file without header or data: %j', (csv, line) => {
    const res = checkBuildingImport(csv, grids, existing)
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.errors[0]?.line).toBe(line)
  })

  it('skips blank lines', () => {
    const res = checkBuildingImport('grid,building,units\n\n第2网格,9号楼,3\n\n', grids, existing)
    expect(res).toMatchObject({ ok: true, rows: [{ line: 3, building: '9号楼' }] })
  })
})
