/**
 * The H5 gateway's client upload (`POST /api/__upload`): what wx.cloud.uploadFile does in the
 * mini-program — stored as the signed-in user's file, answered with a `cloud://` fileID that the
 * functions' SDK can read like any other.
 */
import { get, post, fixtures } from './helpers'
import { startTestEmulator, type TestEmulator } from '../support/emulator'

let emu: TestEmulator
let residentToken = ''
let workerToken = ''

const seed = {
  users: [
    { _id: 'user-resident', openid: 'openid-resident', displayName: '王秀英', grants: [] },
    { _id: 'user-worker', openid: 'openid-worker', displayName: '李志强', grants: [] },
  ],
}

const login = async (userId: string): Promise<string> =>
  ((await post(`${emu.url}/dev/login`, JSON.stringify({ userId }))).json as { token: string }).token
const upload = (token: string | null, cloudPath: string, body: Buffer, type = 'image/jpeg') =>
  post(`${emu.url}/api/__upload?cloudPath=${encodeURIComponent(cloudPath)}`, body, {
    'content-type': type,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  })

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9])

beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: fixtures, seed })
  residentToken = await login('user-resident')
  workerToken = await login('user-worker')
}, 60_000)
afterAll(async () => {
  await emu?.stop()
})

describe('POST /api/__upload', () => {
  it('stores the bytes as the caller uploaded them and answers a cloud:// fileID the SDK reads', async () => {
    const res = await upload(residentToken, 'reports/user-resident/r1/0.jpg', JPEG)
    expect(res.status).toBe(200)
    const { fileID } = res.json as { fileID: string }
    expect(fileID).toMatch(new RegExp(`^cloud://${emu.envId}\\.[^/]+/reports/user-resident/r1/0\\.jpg$`))
    const urls = await emu.app.getTempFileURL({ fileList: [fileID] })
    const file = urls.fileList[0] as { tempFileURL: string; code: string }
    expect(file.code).toBe('SUCCESS')
    const dl = await get(file.tempFileURL)
    expect(dl.status).toBe(200)
    expect(dl.contentType).toBe('image/jpeg')
    expect(dl.body.equals(JPEG)).toBe(true)
  })

  it('lets the owner overwrite (a retried upload) but not another user', async () => {
    const again = await upload(residentToken, 'reports/user-resident/r2/0.jpg', JPEG)
    expect(again.status).toBe(200)
    const retry = await upload(
      residentToken,
      'reports/user-resident/r2/0.jpg',
      Buffer.from([0xff, 0xd8, 9, 0xff, 0xd9]),
    )
    expect(retry.status).toBe(200)
    const other = await upload(workerToken, 'reports/user-resident/r2/0.jpg', JPEG)
    expect(other.status).toBe(403)
    const dl = await emu.app.downloadFile({ fileID: (retry.json as { fileID: string }).fileID })
    expect((dl.fileContent as Buffer).equals(Buffer.from([0xff, 0xd8, 9, 0xff, 0xd9]))).toBe(true)
  })

  it('needs a signed-in user, a path inside the bucket, a non-empty body of at most 10 MB', async () => {
    expect((await upload(null, 'reports/x/r/0.jpg', JPEG)).status).toBe(401)
    expect((await upload('forged', 'reports/x/r/0.jpg', JPEG)).status).toBe(401)
    expect((await upload(residentToken, '', JPEG)).status).toBe(400)
    expect((await upload(residentToken, '../../etc/passwd', JPEG)).status).toBe(400)
    expect((await upload(residentToken, 'reports/user-resident/r3/0.jpg', Buffer.alloc(0))).status).toBe(400)
    const big = await upload(
      residentToken,
      'reports/user-resident/r3/1.jpg',
      Buffer.alloc(10 * 1024 * 1024 + 1),
    )
    expect(big.status).toBe(413)
    expect(big.json).toMatchObject({ errMsg: expect.stringContaining('10 MB') })
    const none = await emu.app.getTempFileURL({
      fileList: [`cloud://${emu.envId}.emulin-local-bucket/reports/user-resident/r3/1.jpg`],
    })
    expect((none.fileList[0] as { code: string }).code).toBe('STORAGE_FILE_NONEXIST')
  })

  it('gives the signed-in page temporary URLs for fileIDs (wx.cloud.getTempFileURL)', async () => {
    const { fileID } = (await upload(residentToken, 'reports/user-resident/r4/1.jpg', JPEG)).json as {
      fileID: string
    }
    const missing = `cloud://${emu.envId}.emulin-local-bucket/reports/nobody/x/1.jpg`
    const res = await post(`${emu.url}/api/__tempurl`, JSON.stringify({ fileList: [fileID, missing] }), {
      authorization: `Bearer ${workerToken}`,
    })
    expect(res.status).toBe(200)
    const rows = (res.json as { fileList: Array<{ fileID: string; tempFileURL: string; status: number }> })
      .fileList
    expect(rows[0]).toMatchObject({ fileID, status: 0 })
    expect(rows[1]).toEqual({ fileID: missing, tempFileURL: '', status: 1 })
    expect((await get(rows[0]?.tempFileURL ?? '')).body.equals(JPEG)).toBe(true)
    expect((await post(`${emu.url}/api/__tempurl`, JSON.stringify({ fileList: [fileID] }))).status).toBe(401)
    expect(
      (
        await post(`${emu.url}/api/__tempurl`, JSON.stringify({ fileList: 'x' }), {
          authorization: `Bearer ${workerToken}`,
        })
      ).status,
    ).toBe(400)
  })

  it('is POST only', async () => {
    expect((await get(`${emu.url}/api/__upload`)).status).not.toBe(200)
  })
})
