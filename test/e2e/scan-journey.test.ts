/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import QRCode from 'qrcode'
import { SeedIds } from '../../emulator/seed/demo-data'
import { useSeededEmulator } from '../support/seeded-emulator'
import { expectAxeClean, phoneContext, screenshot, signInAs, tapButton, useBrowser } from './support/browser'

// 扫码核销 in a browser (issue #14 §2): the grid worker's phone browser scans the voucher's code with
// its camera. Chromium's fake camera plays a video of the very QR the local CloudBase draws for the
// voucher (its stand-in for the mini-program code: `wxacode://…/verify/index?scene=v%3D<code>`);
// the page reads it with jsQR and looks the voucher up: 兑换人：王秀英.

const emu = useSeededEmulator({ staticDir: path.join(__dirname, '..', '..', 'dist', 'h5') })
const dir = path.join(os.tmpdir(), `emulin-scan-${process.pid}`)
const video = path.join(dir, 'camera.y4m')
const browser = useBrowser([
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${video}`,
])

/** A Y4M video (what Chromium's fake camera plays) of `text` as a QR code, white around it. */
function qrVideo(text: string, file: string): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const scale = 6
  const side = (n + 8) * scale
  const size = side % 2 === 0 ? side : side + 1
  const y = Buffer.alloc(size * size, 255)
  for (let r = 0; r < n; r += 1)
    for (let c = 0; c < n; c += 1)
      if (qr.modules.get(r, c))
        for (let dy = 0; dy < scale; dy += 1)
          y.fill(
            0,
            ((r + 4) * scale + dy) * size + (c + 4) * scale,
            ((r + 4) * scale + dy) * size + (c + 5) * scale,
          )
  const chroma = Buffer.alloc((size / 2) * (size / 2) * 2, 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma])
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${size} H${size} F10:1 Ip A1:1 C420jpeg\n`),
      ...Array(10).fill(frame),
    ]),
  )
}

// The video must exist before Chromium starts (useBrowser launches it in its beforeAll): write a
// placeholder now, the voucher's code once it is redeemed; the camera opens only when scanning.
qrVideo('placeholder', video)

describe('扫码核销 with the browser camera', () => {
  it('reads the voucher QR through the camera and shows whose it is', async () => {
    const redeemed = (await emu().invoke(
      'api',
      { action: 'market.redeem', input: { itemId: SeedIds.items.soap, requestId: 'scan-journey-1' } },
      { openid: 'demo-openid-resident-wang' },
    )) as { ok: boolean; data: { code: string }; error?: unknown }
    expect(redeemed.error ?? null).toBeNull()
    qrVideo(
      `wxacode://emulin-local/features/market/pages/verify/index?scene=v%3D${redeemed.data.code}`,
      video,
    )

    const context = await phoneContext(browser(), emu().url)
    await context.grantPermissions(['camera'])
    const page = await context.newPage()
    await signInAs(page, 'user-xinhua-01-worker')
    await page.goto('/#/features/market/pages/verify/index')
    await tapButton(page, '扫码核销')
    await page.getByText('兑换人：王秀英').waitFor({ timeout: 20_000 })
    expect(await page.locator('.scan-overlay').count()).toBe(0)
    await expectAxeClean(page)
    await screenshot(page, 'scan-voucher')
    await context.close()
  })
})
