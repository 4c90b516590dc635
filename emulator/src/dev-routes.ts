import type http from 'node:http'
import { randomBytes } from 'node:crypto'
import type { Database } from './database'
import type { InternalCollection } from './internal-collection'
import type { OpenApis } from './openapi'
import type { Store } from './store'
import { codesPage, loginPage, outboxPage, qrcodesPage, type DevCode, type DevUser } from './devpages'
import type { Doc } from './ejson'
import { HttpError, bearer, jsonBody, sendJson, sendRaw } from './http-kit'

function rolesOf(user: Doc): string[] {
  const grants = Array.isArray(user.grants) ? (user.grants as Array<{ role?: unknown }>) : []
  return [...new Set(grants.map((g) => g.role).filter((r): r is string => typeof r === 'string'))]
}

function devUser(u: Doc): DevUser {
  return {
    id: String(u._id),
    displayName: String(u.displayName ?? u._id),
    openid: String(u.openid ?? ''),
    roles: rolesOf(u),
  }
}

/** the subscribe messages sent so far, oldest first (`/dev/outbox`, `/__admin/outbox`) */
export function outbox(db: Database): Doc[] {
  return db
    .internal('outbox')
    .all()
    .sort((a, b) => Number(a.msgid) - Number(b.msgid))
}

export interface DevRoutesDeps {
  store: Store
  db: Database
  openapi: OpenApis
  sessions: InternalCollection
  sessionOpenid(req: http.IncomingMessage): Promise<string>
  isAdmin(req: http.IncomingMessage): boolean
}

/**
 * The demo's own pages and calls under `/dev/`: sign in as a demo user, grant subscribe-message
 * quota, and see the outbox, the building codes and the generated mini-program codes. A path it
 * does not know is answered `'unhandled'` (the caller falls through to the static files).
 */
export function devRoutes(
  deps: DevRoutesDeps,
): (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<'unhandled' | void> {
  const { store, db, openapi, sessions, sessionOpenid, isAdmin } = deps

  function users(): Doc[] {
    if (!store.hasCollection('users')) return []
    return [...store.docs('users')]
  }

  /** Live invite codes with the names of their places, community by community. */
  function devCodes(): DevCode[] {
    const all = (name: string) => (store.hasCollection(name) ? [...store.docs(name)] : [])
    const names = (name: string) => new Map(all(name).map((d) => [String(d._id), String(d.name ?? '')]))
    const [communities, grids, buildings] = [names('communities'), names('grids'), names('buildings')]
    const place = (c: Doc) => (c.path ?? {}) as { communityId?: string; gridId?: string }
    return all('invite_codes')
      .filter((c) => c.active === true)
      .map((c) => ({
        community: communities.get(place(c).communityId ?? '') ?? '',
        grid: grids.get(place(c).gridId ?? '') ?? '',
        building: c.target === 'building' ? (buildings.get(String(c.targetId)) ?? '') : null,
        scene: `${c.target === 'building' ? 'b' : 'g'}=${String(c._id)}`,
      }))
      .sort(
        (a, b) =>
          a.community.localeCompare(b.community, 'zh-CN', { numeric: true }) ||
          a.grid.localeCompare(b.grid, 'zh-CN', { numeric: true }) ||
          (a.building ?? '').localeCompare(b.building ?? '', 'zh-CN', { numeric: true }),
      )
  }

  function qrcodes(): Doc[] {
    return db
      .internal('qrcodes')
      .all()
      .sort((a, b) =>
        a.createdAt instanceof Date && b.createdAt instanceof Date
          ? b.createdAt.getTime() - a.createdAt.getTime()
          : 0,
      )
  }

  return async function handle(req, res, url) {
    const p = url.pathname
    const method = req.method ?? 'GET'
    if (p === '/dev' || p === '/dev/')
      return sendRaw(res, 200, 'text/html; charset=utf-8', loginPage(users().map(devUser)), {
        'cache-control': 'no-store',
      })
    if (p === '/dev/users' && method === 'GET') return sendJson(res, 200, users().map(devUser))
    if (p === '/dev/login' && method === 'POST') {
      const { userId } = await jsonBody(req)
      const user = users().find((u) => String(u._id) === userId)
      if (!user || typeof user.openid !== 'string' || !user.openid)
        throw new HttpError(404, { errCode: 404, errMsg: `用户不存在：${String(userId)}` })
      const token = randomBytes(24).toString('hex')
      await sessions.put(token, { openid: user.openid, userId: String(user._id), createdAt: new Date() })
      return sendJson(res, 200, { token, user: devUser(user) })
    }
    if (p === '/dev/logout' && method === 'POST') {
      const token = bearer(req)
      if (token) await sessions.del(token)
      return sendJson(res, 200, { ok: true })
    }
    if (p === '/dev/me' && method === 'GET') {
      const openid = await sessionOpenid(req)
      const user = users().find((u) => u.openid === openid)
      return sendJson(res, 200, user ? devUser(user) : { openid })
    }
    if (p === '/dev/subscriptions' && method === 'POST') {
      const body = await jsonBody(req)
      const openid = isAdmin(req) && typeof body.openid === 'string' ? body.openid : await sessionOpenid(req)
      const ids = Array.isArray(body.templateIds) ? body.templateIds : [body.templateId]
      const count =
        typeof body.count === 'number' && Number.isInteger(body.count) && body.count > 0 ? body.count : 1
      if (!ids.length || ids.some((t) => typeof t !== 'string' || !t))
        throw new HttpError(400, { errCode: 400, errMsg: 'templateId 或 templateIds 必填' })
      if (!isAdmin(req) && ids.length > 3)
        throw new HttpError(400, { errCode: 400, errMsg: 'wx.requestSubscribeMessage 一次最多 3 个模板' })
      const remaining: Record<string, number> = {}
      for (const t of ids as string[]) remaining[t] = await openapi.grant(openid, t, count)
      return sendJson(res, 200, { openid, remaining })
    }
    if (p === '/dev/outbox.json' && method === 'GET') return sendJson(res, 200, outbox(db))
    if (p === '/dev/outbox' && method === 'GET')
      return sendRaw(res, 200, 'text/html; charset=utf-8', outboxPage(outbox(db)), {
        'cache-control': 'no-store',
      })
    if (p === '/dev/qrcodes.json' && method === 'GET')
      return sendJson(
        res,
        200,
        qrcodes().map(({ png: _png, ...rest }) => rest),
      )
    if (p === '/dev/codes' && method === 'GET')
      return sendRaw(res, 200, 'text/html; charset=utf-8', codesPage(devCodes()), {
        'cache-control': 'no-store',
      })
    if (p === '/dev/qrcodes' && method === 'GET')
      return sendRaw(res, 200, 'text/html; charset=utf-8', qrcodesPage(qrcodes()), {
        'cache-control': 'no-store',
      })
    const qr = /^\/dev\/qrcodes\/([0-9a-f]+)\.png$/.exec(p)
    if (qr && method === 'GET') {
      const doc = db.internal('qrcodes').get(qr[1] as string)
      if (!doc || typeof doc.png !== 'string') throw new HttpError(404, { errCode: 404, errMsg: 'not found' })
      return sendRaw(res, 200, 'image/png', Buffer.from(doc.png, 'base64'))
    }
    return 'unhandled'
  }
}
