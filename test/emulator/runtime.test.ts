/**
 * Function runner, open API fakes, storage and the HTTP gateway, through the real SDKs running inside
 * fixture functions (test/emulator/fixtures/functions) exactly as deployed functions run.
 */
import { get, post, fixtures } from './helpers'
import { startTestEmulator, type TestEmulator } from '../support/emulator'

let emu: TestEmulator

const seed = {
  users: [
    {
      _id: 'user-resident',
      openid: 'openid-resident',
      displayName: '王秀英',
      grants: [{ role: 'resident', scope: { streetId: 's1', gridId: 'g1' } }],
    },
    {
      _id: 'user-worker',
      openid: 'openid-worker',
      displayName: '李志强',
      grants: [
        { role: 'grid_worker', scope: { streetId: 's1', gridId: 'g1' } },
        { role: 'helper', scope: { streetId: 's1' } },
      ],
    },
  ],
}

beforeAll(async () => {
  emu = await startTestEmulator({
    functionsDir: fixtures,
    seed,
    secCheckKeywords: { risky: ['违禁'], review: ['可疑'] },
  })
}, 60_000)
afterAll(async () => {
  await emu?.stop()
})

describe('function runner', () => {
  it('injects the caller identity the way the platform does (node-sdk getUserInfo)', async () => {
    const r = (await emu.invoke('probe', { op: 'whoami' }, { openid: 'openid-resident' })) as Record<
      string,
      unknown
    >
    expect(r).toMatchObject({
      openId: 'openid-resident',
      appId: expect.stringMatching(/^wx/),
      envId: emu.envId,
      hasUserInfo: true,
      tz: 'UTC',
    })
    const anon = (await emu.invoke('probe', { op: 'whoami' })) as Record<string, unknown>
    expect(anon).toMatchObject({ openId: '', appId: '', hasUserInfo: false })
  })

  it('injects identity for wx-server-sdk too (getWXContext) and its database works', async () => {
    expect(await emu.invoke('notify', { op: 'context' }, { openid: 'openid-worker' })).toMatchObject({
      OPENID: 'openid-worker',
      ENV: emu.envId,
    })
    expect(await emu.invoke('notify', { op: 'db' }, { openid: 'openid-worker' })).toMatchObject({
      by: 'openid-worker',
      atIsDate: true,
    })
  })

  it('reuses warm instances and cold-starts on demand', async () => {
    await emu.coldStart('probe')
    const first = await emu.invokeDetailed('probe', { op: 'whoami' })
    const second = await emu.invokeDetailed('probe', { op: 'whoami' })
    expect(first.cold).toBe(true)
    expect(second.cold).toBe(false)
    expect((second.result as { invocations: number }).invocations).toBe(
      (first.result as { invocations: number }).invocations + 1,
    )
    await emu.coldStart('probe')
    const third = await emu.invokeDetailed('probe', { op: 'whoami' })
    expect(third.cold).toBe(true)
    expect((third.result as { invocations: number }).invocations).toBe(1)
  })

  it('runs one event per instance: concurrent events get separate instances with their own identity', async () => {
    const results = (await Promise.all(
      ['a', 'b', 'c', 'd'].map((x) => emu.invoke('probe', { op: 'whoami' }, { openid: `openid-${x}` })),
    )) as Array<{ openId: string }>
    expect(results.map((r) => r.openId)).toEqual(['openid-a', 'openid-b', 'openid-c', 'openid-d'])
  })

  it('routes functions.invokeFunction to local functions, keeping the caller identity', async () => {
    const r = (await emu.invoke(
      'probe',
      { op: 'call', name: 'probe', data: { op: 'whoami' } },
      { openid: 'openid-resident' },
    )) as { result: { openId: string } }
    expect(r.result.openId).toBe('openid-resident')
    await expect(emu.invoke('probe', { op: 'call', name: 'ghost', data: {} })).rejects.toMatchObject({
      errCode: -404011,
    })
  })

  it('reports a crashing function with the platform error and keeps going', async () => {
    await expect(emu.invoke('probe', { op: 'throw' })).rejects.toMatchObject({
      errCode: -404011,
      errMsg: expect.stringContaining('boom from probe'),
    })
    await expect(emu.invoke('ghost', {})).rejects.toMatchObject({ errCode: -501000 })
    await expect(emu.invoke('shared', {})).rejects.toMatchObject({ errCode: -501000 })
    expect(await emu.invoke('probe', { op: 'echo' })).toEqual({ echo: { op: 'echo' } })
  })

  it('fires timer triggers on demand with the platform timer event and no identity', async () => {
    expect(await emu.fireTimer('ticker', 'nightly')).toEqual({ trigger: 'nightly', openId: '' })
    expect(await emu.fireTimer('ticker')).toEqual({ trigger: 'everySecond', openId: '' })
    const ticks = (await emu.app.database().collection('ticks').get()).data as Array<{
      type: string
      at: Date
    }>
    expect(ticks).toHaveLength(2)
    expect(ticks[0]).toMatchObject({ type: 'Timer', at: expect.any(Date) })
    await expect(emu.fireTimer('ticker', 'nope')).rejects.toMatchObject({
      errMsg: expect.stringContaining('nope'),
    })
  })

  it('enforces the function timeout', async () => {
    await expect(emu.invoke('probe', { op: 'sleep', ms: 3500 })).rejects.toMatchObject({
      errMsg: expect.stringContaining('timed out after 3 seconds'),
    })
    expect(await emu.invoke('probe', { op: 'sleep', ms: 10 })).toEqual({ slept: 10 })
  }, 15_000)
})

describe('open APIs', () => {
  it('wxacode.getUnlimited returns a real PNG (wx-server-sdk and node-sdk) and records it', async () => {
    expect(
      await emu.invoke('notify', { op: 'qr', scene: 'b=bld-0101', page: 'pages/join/index' }),
    ).toMatchObject({ contentType: 'image/png', png: '89504e470d0a1a0a', errCode: 0 })
    const viaNode = (await emu.invoke('probe', {
      op: 'openapi',
      apiName: 'wxacode.getUnlimited',
      data: { scene: 'g=7', page: 'pages/join/index' },
    })) as { result: { contentType: string; buffer: string } }
    expect(viaNode.result.contentType).toBe('image/png')
    expect(Buffer.from(viaNode.result.buffer, 'base64').subarray(0, 4).toString('hex')).toBe('89504e47')
    const list = (await get(`${emu.url}/dev/qrcodes.json`)).text
    expect(JSON.parse(list)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          scene: 'b=bld-0101',
          page: 'pages/join/index',
          text: expect.stringContaining('scene=b%3Dbld-0101'),
        }),
      ]),
    )
    const page = await get(`${emu.url}/dev/qrcodes`)
    expect(page.text).toContain('已生成的小程序码')
  })

  it('wxacode.getUnlimited rejects a bad scene or page with the real errors', async () => {
    expect(await emu.invoke('notify', { op: 'qr', scene: 'x'.repeat(33) })).toMatchObject({ errCode: 40169 })
    expect(await emu.invoke('notify', { op: 'qr', scene: '中文' })).toMatchObject({ errCode: 40129 })
    expect(await emu.invoke('notify', { op: 'qr', scene: 'ok', page: '/pages/x?y=1' })).toMatchObject({
      errCode: 41030,
    })
  })

  it('only lets a function call the open APIs its config.json declares (-604101)', async () => {
    expect(await emu.invoke('nopriv', { via: 'node-sdk' })).toMatchObject({ code: -604101 })
    expect(await emu.invoke('nopriv', { via: 'wx-server-sdk' })).toMatchObject({ errCode: -604101 })
  })

  it('subscribeMessage.send validates data, counts one-time subscriptions and writes the outbox', async () => {
    const msg = {
      touser: 'openid-worker',
      templateId: 'tpl-new-order',
      page: 'pages/home/index',
      data: {
        thing1: { value: '楼道灯坏了' },
        time2: { value: '2026年1月1日 15:01' },
        phrase3: { value: '待处理' },
      },
    }
    expect(await emu.invoke('notify', { op: 'send', ...msg })).toMatchObject({ errCode: 43101 })
    await emu.grantSubscriptions('openid-worker', 'tpl-new-order', 1)
    expect(await emu.invoke('notify', { op: 'send', ...msg })).toMatchObject({
      errCode: 0,
      msgid: expect.anything(),
    }) // a 16-digit id: wx-server-sdk parses it as a BigNumber, as in production
    expect(await emu.invoke('notify', { op: 'send', ...msg })).toMatchObject({ errCode: 43101 }) // one-time: used up
    await emu.grantSubscriptions('openid-worker', 'tpl-new-order', 5)
    expect(
      await emu.invoke('notify', {
        op: 'send',
        ...msg,
        data: { thing1: { value: '这是一段超过二十个字符长度限制的事项描述文字啊' } },
      }),
    ).toMatchObject({ errCode: 47003 })
    expect(
      await emu.invoke('notify', { op: 'send', ...msg, data: { phrase3: { value: 'pending' } } }),
    ).toMatchObject({ errCode: 47003 })
    expect(
      await emu.invoke('notify', { op: 'send', ...msg, data: { number4: { value: '12a' } } }),
    ).toMatchObject({ errCode: 47003 })
    expect(
      await emu.invoke('notify', { op: 'send', ...msg, data: { time2: { value: '25:61' } } }),
    ).toMatchObject({ errCode: 47003 })
    const out = (await emu.outbox()) as Array<Record<string, unknown>>
    expect(out).toHaveLength(1)
    expect(out[0]).toMatchObject({
      touser: 'openid-worker',
      template_id: 'tpl-new-order',
      page: 'pages/home/index',
      data: msg.data,
      fn: 'notify',
    })
    expect((await get(`${emu.url}/dev/outbox`)).text).toContain('楼道灯坏了')
  })

  it('security.msgSecCheck v2 answers pass / review / risky from the keyword list', async () => {
    expect(
      await emu.invoke('notify', { op: 'check', content: '楼下路灯不亮了' }, { openid: 'openid-resident' }),
    ).toEqual({ suggest: 'pass', label: 100 })
    expect(
      await emu.invoke('notify', { op: 'check', content: '有点可疑的内容' }, { openid: 'openid-resident' }),
    ).toMatchObject({ suggest: 'review' })
    expect(
      await emu.invoke('notify', { op: 'check', content: '这里有违禁内容' }, { openid: 'openid-resident' }),
    ).toMatchObject({ suggest: 'risky' })
    expect(
      await emu.invoke('notify', { op: 'check', content: '长'.repeat(2501) }, { openid: 'openid-resident' }),
    ).toMatchObject({ errCode: 40097 })
  })

  it('refuses open API calls that do not come from a function', async () => {
    await expect(
      emu.app.callWxOpenApi({ apiName: 'wxacode.getUnlimited', requestData: { scene: 'a' } }),
    ).rejects.toMatchObject({ code: -604104 })
  })
})

describe('storage', () => {
  it('uploads, gives a temporary URL, downloads and deletes', async () => {
    const r = (await emu.invoke('probe', {
      op: 'upload',
      path: 'reports/r1/photo.txt',
      content: '照片内容',
    })) as Record<string, string>
    expect(r).toMatchObject({
      fileID: expect.stringMatching(/^cloud:\/\/.+\/reports\/r1\/photo\.txt$/),
      code: 'SUCCESS',
      content: '照片内容',
      deleted: 'SUCCESS',
      after: 'STORAGE_FILE_NONEXIST',
    })
    expect((await get(r.url as string)).status).toBe(404) // deleted
    const forged = (r.url as string).replace(/sig=[0-9a-f]+/, 'sig=00')
    expect((await get(forged)).status).toBe(403)
  })
})

describe('HTTP gateway for the H5 app', () => {
  it('lists demo users by role and logs in with a server-side session', async () => {
    const users = JSON.parse((await get(`${emu.url}/dev/users`)).text) as Array<{
      id: string
      roles: string[]
    }>
    expect(users).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'user-worker', roles: ['grid_worker', 'helper'] }),
      ]),
    )
    const page = await get(`${emu.url}/dev/`)
    expect(page.contentType).toContain('text/html')
    expect(page.text).toContain('网格员')
    expect(page.text).toContain('李志强')
    const login = await post(`${emu.url}/dev/login`, JSON.stringify({ userId: 'user-resident' }))
    const { token, user } = login.json as { token: string; user: { openid: string } }
    expect(user.openid).toBe('openid-resident')
    const call = await post(`${emu.url}/api/probe`, JSON.stringify({ op: 'whoami' }), {
      authorization: `Bearer ${token}`,
    })
    expect(call.status).toBe(200)
    expect(call.json).toMatchObject({ openId: 'openid-resident', hasUserInfo: true })
  })

  it('never trusts an identity sent by the page', async () => {
    const noToken = await post(
      `${emu.url}/api/probe`,
      JSON.stringify({ op: 'whoami', openid: 'openid-worker', userInfo: { openId: 'openid-worker' } }),
    )
    expect(noToken.status).toBe(401)
    const badToken = await post(`${emu.url}/api/probe`, JSON.stringify({ op: 'whoami' }), {
      authorization: 'Bearer forged',
    })
    expect(badToken.status).toBe(401)
    const { token } = (await post(`${emu.url}/dev/login`, JSON.stringify({ userId: 'user-resident' })))
      .json as { token: string }
    const smuggled = await post(
      `${emu.url}/api/probe`,
      JSON.stringify({ op: 'whoami', userInfo: { openId: 'openid-worker' } }),
      { authorization: `Bearer ${token}` },
    )
    expect(smuggled.json).toMatchObject({ openId: 'openid-resident' })
    const admin = await post(
      `${emu.url}/__admin/invoke`,
      JSON.stringify({ fn: 'probe', event: {}, openid: 'openid-worker' }),
    )
    expect(admin.status).toBe(403)
    const loginUnknown = await post(`${emu.url}/dev/login`, JSON.stringify({ userId: 'nobody' }))
    expect(loginUnknown.status).toBe(404)
  })

  it('returns a function crash like wx.cloud.callFunction does', async () => {
    const { token } = (await post(`${emu.url}/dev/login`, JSON.stringify({ userId: 'user-worker' })))
      .json as { token: string }
    const res = await post(`${emu.url}/api/probe`, JSON.stringify({ op: 'throw' }), {
      authorization: `Bearer ${token}`,
    })
    expect(res.status).toBe(500)
    expect(res.json).toMatchObject({
      errCode: -404011,
      errMsg: expect.stringContaining('cloud function execution error'),
    })
    expect(JSON.stringify(res.json)).not.toContain('at ') // no stack
  })

  it('lets a logged-in page grant itself subscriptions (like wx.requestSubscribeMessage)', async () => {
    const { token } = (await post(`${emu.url}/dev/login`, JSON.stringify({ userId: 'user-resident' })))
      .json as { token: string }
    const res = await post(
      `${emu.url}/dev/subscriptions`,
      JSON.stringify({ templateIds: ['tpl-a', 'tpl-b'] }),
      { authorization: `Bearer ${token}` },
    )
    expect(res.json).toEqual({ openid: 'openid-resident', remaining: { 'tpl-a': 1, 'tpl-b': 1 } })
    const tooMany = await post(
      `${emu.url}/dev/subscriptions`,
      JSON.stringify({ templateIds: ['a', 'b', 'c', 'd'] }),
      { authorization: `Bearer ${token}` },
    )
    expect(tooMany.status).toBe(400)
    const anon = await post(
      `${emu.url}/dev/subscriptions`,
      JSON.stringify({ templateId: 'tpl-a', openid: 'openid-worker' }),
    )
    expect(anon.status).toBe(401)
  })

  it('refuses requests for a foreign Host (DNS rebinding)', async () => {
    const res = await get(`${emu.url}/dev/users`, { host: 'evil.example' })
    expect(res.status).toBe(403)
  })
})
