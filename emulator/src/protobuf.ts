/**
 * The few protobuf messages of wx-server-sdk's `wx.openApi` call (field numbers from its generated
 * src/protobuf/openapi.js): CommApiData{1 apiType, 2 openapiData{1 pairs{1 key, 2 value}}, 6 appid}
 * and CommOpenApiResp{1 respData, 2 contentType, 3 errorCode, 4 httpCode}.
 */
function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0
  let shift = 0
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint')
    const b = buf[pos++] as number
    result += (b & 0x7f) * 2 ** shift
    if ((b & 0x80) === 0) return [result, pos]
    shift += 7
    if (shift > 63) throw new Error('varint too long')
  }
}

type Field = { no: number; wire: number; int?: number; bytes?: Buffer }

function fields(buf: Buffer): Field[] {
  const out: Field[] = []
  let pos = 0
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos)
    pos = p1
    const no = Math.floor(tag / 8)
    const wire = tag & 7
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos)
      pos = p2
      out.push({ no, wire, int: v })
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos)
      if (p2 + len > buf.length) throw new Error('truncated field')
      out.push({ no, wire, bytes: buf.subarray(p2, p2 + len) })
      pos = p2 + len
    } else if (wire === 5) pos += 4
    else if (wire === 1) pos += 8
    else throw new Error(`unsupported wire type ${wire}`)
  }
  return out
}

export interface CommApiData {
  apiType: number
  pairs: Array<{ key: string; value: Buffer }>
  appid?: string
}

export function decodeCommApiData(buf: Buffer): CommApiData {
  const res: CommApiData = { apiType: 0, pairs: [] }
  for (const f of fields(buf)) {
    if (f.no === 1 && f.wire === 0) res.apiType = f.int ?? 0
    else if (f.no === 2 && f.bytes) {
      for (const p of fields(f.bytes)) {
        if (p.no !== 1 || !p.bytes) continue
        let key = ''
        let value = Buffer.alloc(0)
        for (const kv of fields(p.bytes)) {
          if (kv.no === 1 && kv.bytes) key = kv.bytes.toString('utf8')
          if (kv.no === 2 && kv.bytes) value = Buffer.from(kv.bytes)
        }
        res.pairs.push({ key, value })
      }
    } else if (f.no === 6 && f.bytes) res.appid = f.bytes.toString('utf8')
  }
  return res
}

function varint(n: number): Buffer {
  const out: number[] = []
  // int32 negatives are encoded as 10-byte two's complement varints
  let v = n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)
  do {
    let b = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) b |= 0x80
    out.push(b)
  } while (v > 0n)
  return Buffer.from(out)
}

function lenField(no: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint(no * 8 + 2), varint(bytes.length), bytes])
}

export function encodeCommOpenApiResp(msg: {
  respData?: Buffer
  contentType?: string
  errorCode?: number
  httpCode?: number
}): Buffer {
  const parts: Buffer[] = []
  if (msg.respData) parts.push(lenField(1, msg.respData))
  if (msg.contentType !== undefined) parts.push(lenField(2, Buffer.from(msg.contentType, 'utf8')))
  if (msg.errorCode) parts.push(varint(3 * 8), varint(msg.errorCode))
  if (msg.httpCode !== undefined) parts.push(varint(4 * 8), varint(msg.httpCode))
  return Buffer.concat(parts)
}
