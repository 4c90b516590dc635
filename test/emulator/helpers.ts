import path from 'node:path'

export const fixtures = path.join(__dirname, 'fixtures', 'functions')

/** POST raw bytes to a URL, returning status and parsed JSON (or text) */
export async function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; headers: Record<string, unknown> }> {
  const http = await import('node:http')
  return new Promise((resolve, reject) => {
    const data = typeof body === 'string' ? Buffer.from(body) : body
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(data.length), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown = text
          try {
            json = JSON.parse(text)
          } catch {
            /* keep text */
          }
          resolve({ status: res.statusCode ?? 0, json, headers: res.headers })
        })
      },
    )
    req.on('error', reject)
    req.end(data)
  })
}

export async function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; body: Buffer; contentType: string }> {
  const http = await import('node:http')
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const body = Buffer.concat(chunks)
          resolve({
            status: res.statusCode ?? 0,
            text: body.toString('utf8'),
            body,
            contentType: String(res.headers['content-type'] ?? ''),
          })
        })
      })
      .on('error', reject)
  })
}
