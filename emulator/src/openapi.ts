import { randomUUID } from 'node:crypto'
import QRCode from 'qrcode'
import type { Database } from './database'

/** An open API's answer as the WeChat HTTP API gives it: JSON (errcode/errmsg…) or bytes (images). */
export interface WxResponse {
  contentType: string
  body: Buffer
}

export interface SecCheckKeywords {
  risky?: string[]
  review?: string[]
}

export const DEFAULT_SECCHECK: Required<SecCheckKeywords> = {
  risky: ['赌博', '毒品', '枪支弹药', '色情'],
  review: ['代开发票', '加微信'],
}

export const API_NOT_FOUND = -604100
export const NO_PERMISSION = -604101

const json = (v: unknown): WxResponse => ({
  contentType: 'application/json',
  body: Buffer.from(JSON.stringify(v)),
})
const wxError = (errcode: number, errmsg: string): WxResponse => json({ errcode, errmsg })

const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/
const HAN = /^[\u3400-\u9fff]+$/

function camelToSnake(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(data)) out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v
  return out
}

/** checks one subscribe-message keyword value against the limits of its type (from the key's prefix) */
function checkValue(key: string, value: string): string | undefined {
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1]
  const len = [...value].length
  if (len === 0) return 'is empty'
  switch (type) {
    case 'thing':
      return len <= 20 ? undefined : 'exceeds 20 characters'
    case 'number':
      return len <= 32 && /^-?\d+(\.\d+)?$/.test(value) ? undefined : 'must be ≤ 32 digits'
    case 'letter':
      return len <= 32 && /^[A-Za-z]+$/.test(value) ? undefined : 'must be ≤ 32 letters'
    case 'symbol':
      return len <= 5 && !/[0-9A-Za-z\u3400-\u9fff]/.test(value) ? undefined : 'must be ≤ 5 symbols'
    case 'character_string':
      return len <= 32 && /^[\x21-\x7e]+$/.test(value) ? undefined : 'must be ≤ 32 digits, letters or symbols'
    case 'time':
      return /^(\d{4}年\d{1,2}月\d{1,2}日 ?|\d{4}-\d{1,2}-\d{1,2} )?([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(
        value,
      ) || /^([01]?\d|2[0-3]):[0-5]\d ?~ ?([01]?\d|2[0-3]):[0-5]\d$/.test(value)
        ? undefined
        : 'must be a 24-hour time such as 15:01 or 2019年10月1日 15:01'
    case 'date':
      return /^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})( ([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?)?$/.test(
        value,
      )
        ? undefined
        : 'must be a date such as 2019年10月1日 or 2019-10-01 15:01'
    case 'amount':
      return /^[¥￥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(value) && value.replace(/\D/g, '').length <= 10
        ? undefined
        : 'must be an amount such as ¥100.00'
    case 'phone_number':
      return len <= 17 && /^[\d+\-() ]+$/.test(value) ? undefined : 'must be ≤ 17 digits or symbols'
    case 'car_number':
      return len <= 8 ? undefined : 'exceeds 8 characters'
    case 'name':
      return (HAN.test(value) && len <= 10) || (/^[A-Za-z ]+$/.test(value) && len <= 20)
        ? undefined
        : 'must be ≤ 10 Chinese characters or ≤ 20 letters'
    case 'phrase':
      return HAN.test(value) && len <= 5 ? undefined : 'must be ≤ 5 Chinese characters'
    default:
      return `unknown keyword type of ${key}`
  }
}

/** Fakes of the WeChat open APIs this product uses, honouring their documented limits. */
export class OpenApis {
  constructor(
    private readonly db: Database,
    private readonly opts: { appId: string; secCheck: Required<SecCheckKeywords> },
  ) {}

  static readonly implemented = [
    'wxacode.getUnlimited',
    'subscribeMessage.send',
    'security.msgSecCheck',
    'phonenumber.getPhoneNumber',
  ]

  async call(
    api: string,
    rawData: Record<string, unknown>,
    ctx: { fn: string; openid?: string },
  ): Promise<WxResponse> {
    const data = camelToSnake(rawData)
    switch (api) {
      case 'wxacode.getUnlimited':
        return this.getUnlimited(data, ctx.fn)
      case 'subscribeMessage.send':
        return this.sendSubscribe(data, ctx.fn)
      case 'security.msgSecCheck':
        return this.msgSecCheck(data)
      case 'phonenumber.getPhoneNumber':
        return this.getPhoneNumber(data)
      default:
        return wxError(API_NOT_FOUND, `API not found: ${api}`)
    }
  }

  private async getUnlimited(data: Record<string, unknown>, fn: string): Promise<WxResponse> {
    const scene = data.scene
    if (typeof scene !== 'string' || scene.length === 0)
      return wxError(40097, 'invalid args: scene is required')
    if (scene.length > 32) return wxError(40169, 'invalid length for scene, or the data is not json string')
    if (!SCENE_CHARS.test(scene))
      return wxError(40129, "invalid scene: only 0-9 A-Z a-z and !#$&'()*+,/:;=?@-._~ are allowed")
    const page = data.page ?? ''
    if (
      typeof page !== 'string' ||
      page.startsWith('/') ||
      page.includes('?') ||
      !/^[A-Za-z0-9_\-/]*$/.test(page)
    ) {
      return wxError(41030, 'invalid page: use an existing page path without a leading / and without query')
    }
    const width = Math.min(1280, Math.max(280, typeof data.width === 'number' ? data.width : 430))
    const text = `wxacode://${this.opts.appId}/${page}?scene=${encodeURIComponent(scene)}`
    const png = await QRCode.toBuffer(text, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' })
    const id = randomUUID().replace(/-/g, '')
    await this.db
      .internal('qrcodes')
      .put(id, { page, scene, width, text, png: png.toString('base64'), fn, createdAt: new Date() })
    return { contentType: 'image/png', body: png }
  }

  private async sendSubscribe(data: Record<string, unknown>, fn: string): Promise<WxResponse> {
    const touser = data.touser
    const templateId = data.template_id
    if (typeof touser !== 'string' || !touser) return wxError(40003, 'invalid openid')
    if (typeof templateId !== 'string' || !templateId) return wxError(40037, 'invalid template_id')
    const state = data.miniprogram_state ?? 'formal'
    if (!['developer', 'trial', 'formal'].includes(String(state)))
      return wxError(47003, 'argument invalid! miniprogram_state')
    if (data.page !== undefined && (typeof data.page !== 'string' || data.page.startsWith('/')))
      return wxError(47003, 'argument invalid! page')
    const payload = data.data
    if (
      typeof payload !== 'object' ||
      payload === null ||
      Array.isArray(payload) ||
      Object.keys(payload).length === 0
    ) {
      return wxError(47003, 'argument invalid! data is empty')
    }
    for (const [key, v] of Object.entries(payload as Record<string, unknown>)) {
      const value = (v as { value?: unknown } | null)?.value
      if (typeof value !== 'string' && typeof value !== 'number')
        return wxError(47003, `argument invalid! data.${key}.value is empty`)
      const problem = checkValue(key, String(value))
      if (problem) return wxError(47003, `argument invalid! data.${key}.value ${problem}`)
    }
    const subs = this.db.internal('subscriptions')
    const sid = `${touser}|${templateId}`
    const grant = subs.get(sid)
    const remaining = typeof grant?.remaining === 'number' ? grant.remaining : 0
    if (remaining < 1) return wxError(43101, 'user refuse to accept the msg')
    await subs.put(sid, { openid: touser, templateId, remaining: remaining - 1, updatedAt: new Date() })
    const msgid = Date.now() * 1000 + Math.floor(Math.random() * 1000)
    await this.db.internal('outbox').put(String(msgid), {
      msgid,
      touser,
      template_id: templateId,
      page: data.page ?? null,
      data: payload,
      miniprogram_state: state,
      lang: data.lang ?? 'zh_CN',
      fn,
      sentAt: new Date(),
    })
    return json({ errcode: 0, errmsg: 'ok', msgid })
  }

  private msgSecCheck(data: Record<string, unknown>): WxResponse {
    const content = data.content
    if (typeof content !== 'string' || !content) return wxError(40097, 'invalid args: content is required')
    if ([...content].length > 2500) return wxError(40097, 'invalid args: content exceeds 2500 characters')
    const risky = this.opts.secCheck.risky.find((k) => content.includes(k))
    const review = risky ? undefined : this.opts.secCheck.review.find((k) => content.includes(k))
    const traceId = randomUUID()
    if (Number(data.version) !== 2) {
      // v1: errcode 87014 on risky content, ok otherwise
      return risky ? wxError(87014, 'risky content') : json({ errcode: 0, errmsg: 'ok' })
    }
    if (typeof data.openid !== 'string' || !data.openid) return wxError(40003, 'invalid openid')
    if (![1, 2, 3, 4].includes(Number(data.scene)))
      return wxError(40097, 'invalid args: scene must be 1, 2, 3 or 4')
    const suggest = risky ? 'risky' : review ? 'review' : 'pass'
    const label = risky ? 20006 : review ? 21000 : 100
    const keyword = risky ?? review
    return json({
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [
        { strategy: 'keyword', errcode: 0, suggest, label, ...(keyword ? { keyword, level: 90 } : {}) },
      ],
      trace_id: traceId,
    })
  }

  /**
   * The phone-number button's code → the user's number. A real code is opaque and single-use (5 min);
   * here a code of the form `<anything>-<11-digit mobile>` (e.g. `dev-13812345678`) answers that
   * number, any other well-formed code a fixed demo number; each code works once (40163 after).
   */
  private async getPhoneNumber(data: Record<string, unknown>): Promise<WxResponse> {
    const code = data.code
    if (typeof code !== 'string' || !/^[0-9A-Za-z_-]{1,128}$/.test(code))
      return wxError(40029, 'invalid code')
    const used = this.db.internal('phonecodes')
    if (used.get(code)) return wxError(40163, 'code been used')
    await used.put(code, { usedAt: new Date() })
    const pure = /-(1[3-9]\d{9})$/.exec(code)?.[1] ?? '13800138000'
    return json({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: pure,
        purePhoneNumber: pure,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.opts.appId },
      },
    })
  }

  async grant(openid: string, templateId: string, count: number): Promise<number> {
    const subs = this.db.internal('subscriptions')
    const sid = `${openid}|${templateId}`
    const cur = subs.get(sid)
    const remaining = (typeof cur?.remaining === 'number' ? cur.remaining : 0) + count
    await subs.put(sid, { openid, templateId, remaining, updatedAt: new Date() })
    return remaining
  }
}
