import { useSeededEmulator, apiCaller } from '../support/seeded-emulator'

// The README's demo (issue #14 §6) on a fresh start with the seeded data, as the README walks it:
// 孙晓东（未入格） on /dev/ under 未加入网格, every building code on /dev/codes without an admin
// opening the codes page first, and 王秀英's points enough for the cheapest item (香皂两块, 10 分).

const emu = useSeededEmulator()
const call = apiCaller(emu)
const page = async (p: string) => {
  const res = await fetch(`${emu().url}${p}`)
  expect(res.status).toBe(200)
  return res.text()
}

describe('the README demo on a fresh start', () => {
  it('/dev/ lists the people with no role, 孙晓东（未入格） among them', async () => {
    const html = await page('/dev/')
    const section = html.slice(html.indexOf('<h2>未加入网格（'))
    expect(section).toContain('孙晓东（未入格）')
  })

  it('/dev/codes lists the demo’s building codes before anyone opened the codes page', async () => {
    const html = await page('/dev/codes')
    expect(html).not.toContain('还没有有效的楼栋码')
    expect(html).toContain('模拟扫码打开')
  })

  it('王秀英 can afford the cheapest item of her community’s love supermarket', async () => {
    const market = await call('demo-openid-resident-wang', 'market.items', {})
    expect(market.ok).toBe(true)
    const items = market.data.items as { name: string; price: number; stock: number }[]
    const cheapest = Math.min(...items.filter((i) => i.stock > 0).map((i) => i.price))
    expect(items).toContainEqual(expect.objectContaining({ name: '香皂两块', price: 10 }))
    expect(cheapest).toBe(10)
    expect(market.data.balance).toBeGreaterThanOrEqual(cheapest)
  })
})
