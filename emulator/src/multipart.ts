/** Minimal multipart/form-data parser for the SDK's `wx.openApi` requests (built by the form-data package). */
export function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const boundary = m?.[1] ?? m?.[2]
  if (!boundary) throw new Error('multipart boundary missing')
  const delim = Buffer.from(`--${boundary}`)
  const out: Record<string, Buffer> = {}
  let pos = body.indexOf(delim)
  while (pos >= 0) {
    pos += delim.length
    if (body.subarray(pos, pos + 2).toString() === '--') break
    if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2
    const headerEnd = body.indexOf('\r\n\r\n', pos)
    if (headerEnd < 0) break
    const headers = body.subarray(pos, headerEnd).toString('utf8')
    const next = body.indexOf(delim, headerEnd + 4)
    if (next < 0) break
    const content = body.subarray(headerEnd + 4, next - 2)
    const name = /name="([^"]*)"/i.exec(headers)?.[1]
    if (name !== undefined) out[name] = Buffer.from(content)
    pos = next
  }
  return out
}
