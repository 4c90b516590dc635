/** The emulator's developer pages (Simplified Chinese UI). Plain HTML + a little inline script. */
const esc = (s: unknown): string =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )

const STYLE = `body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:16px 24px;color:#1f2329;background:#f5f6f7}
h1{font-size:20px}h2{font-size:16px;margin-top:24px}nav a{margin-right:16px}
.card{background:#fff;border-radius:8px;padding:12px 16px;margin:8px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
button{padding:6px 14px;border:0;border-radius:6px;background:#07c160;color:#fff;font-size:14px;cursor:pointer}
.muted{color:#8f959e;font-size:13px}table{border-collapse:collapse;width:100%;background:#fff}td,th{border-bottom:1px solid #eee;padding:6px 8px;text-align:left;font-size:13px;vertical-align:top}
.grid{display:flex;flex-wrap:wrap;gap:12px}.qr{background:#fff;padding:12px;border-radius:8px;width:220px}.qr img{width:196px;height:196px}code{word-break:break-all}`

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)} · e睦邻 本地环境</title><style>${STYLE}</style></head><body>
<nav><a href="/dev/">登录选择</a><a href="/dev/codes">楼栋码（模拟扫码）</a><a href="/dev/outbox">订阅消息发件箱</a><a href="/dev/qrcodes">小程序码图片</a><a href="/">打开应用</a></nav>
<h1>${esc(title)}</h1>${body}</body></html>`
}

export const ROLE_LABELS: Record<string, string> = {
  resident: '居民',
  helper: '党员帮办 / 志愿者',
  grid_worker: '网格员',
  building_leader: '楼栋长',
  council_member: '议事会成员',
  community_admin: '社区管理员',
  street_admin: '街道管理员',
}

export interface DevUser {
  id: string
  displayName: string
  openid: string
  roles: string[]
}

export function loginPage(users: DevUser[]): string {
  const groups = [...Object.keys(ROLE_LABELS), '']
    .map((role) => {
      // '' = people with no role yet (not joined a grid): the scan-to-join walk starts with them.
      const list = users.filter((u) => (role ? u.roles.includes(role) : u.roles.length === 0))
      if (!list.length) return ''
      const items = list
        .map(
          (u) =>
            `<div class="card"><button data-user="${esc(u.id)}">以此身份登录</button> <b>${esc(u.displayName)}</b> <span class="muted">${esc(
              u.roles.map((r) => ROLE_LABELS[r] ?? r).join('、') || '暂无身份',
            )} · openid ${esc(u.openid)}</span></div>`,
        )
        .join('')
      return `<h2>${esc(role ? ROLE_LABELS[role] : '未加入网格')}（${list.length}）</h2>${items}`
    })
    .join('')
  const none = users.length ? '' : '<p class="muted">users 集合里还没有用户。首次启动时会写入演示数据。</p>'
  return page(
    '开发登录：选择一个演示用户',
    `<p class="muted">本页只在本地模拟环境中存在。登录后，H5 应用以该用户的 openid 调用云函数。</p>${none}${groups}
<script>
document.addEventListener('click', async (ev) => {
  const id = ev.target && ev.target.getAttribute && ev.target.getAttribute('data-user');
  if (!id) return;
  const res = await fetch('/dev/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: id }) });
  if (!res.ok) { alert('登录失败：' + res.status); return; }
  const body = await res.json();
  localStorage.setItem('emulin.devToken', body.token); // read by src/services/transport.h5.ts
  localStorage.setItem('emulin.devUser', JSON.stringify(body.user));
  location.href = '/';
});
</script>`,
  )
}

export function outboxPage(messages: Array<Record<string, unknown>>): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${esc(m.sentAt instanceof Date ? m.sentAt.toISOString() : m.sentAt)}</td><td>${esc(m.touser)}</td><td>${esc(m.template_id)}</td><td>${esc(m.page)}</td><td><code>${esc(
          JSON.stringify(m.data),
        )}</code></td><td>${esc(m.fn)}</td></tr>`,
    )
    .join('')
  return page(
    '订阅消息发件箱',
    messages.length
      ? `<table><tr><th>发送时间</th><th>接收者 openid</th><th>模板</th><th>跳转页面</th><th>内容</th><th>云函数</th></tr>${rows}</table>`
      : '<p class="muted">还没有发送过订阅消息。</p>',
  )
}

export function qrcodesPage(codes: Array<Record<string, unknown>>): string {
  const items = codes
    .map(
      (c) =>
        `<div class="qr"><img alt="小程序码" src="/dev/qrcodes/${esc(c._id)}.png"><div>页面：<code>${esc(c.page || '（首页）')}</code></div><div>scene：<code>${esc(c.scene)}</code></div><div class="muted">${esc(
          c.createdAt instanceof Date ? c.createdAt.toISOString() : c.createdAt,
        )}</div></div>`,
    )
    .join('')
  return page(
    '已生成的小程序码',
    codes.length ? `<div class="grid">${items}</div>` : '<p class="muted">还没有生成过小程序码。</p>',
  )
}

/** One live invite code as the codes page lists it. */
export interface DevCode {
  readonly community: string
  readonly grid: string
  /** The building's name; null for a grid's own code. */
  readonly building: string | null
  readonly scene: string
}

/**
 * The live building and grid codes (what is printed on doors), with a link that opens the H5 app
 * as a scan of that code would open the mini-program. Works on a fresh start: codes come from the
 * store, not from generated images.
 */
export function codesPage(codes: readonly DevCode[]): string {
  const byCommunity = new Map<string, DevCode[]>()
  for (const c of codes) byCommunity.set(c.community, [...(byCommunity.get(c.community) ?? []), c])
  const sections = [...byCommunity.entries()]
    .map(([community, list], i) => {
      const rows = list
        .map(
          (c) =>
            `<tr><td>${esc(c.grid)}</td><td>${esc(c.building ?? '（网格码）')}</td><td><code>${esc(c.scene)}</code></td><td><a href="/#/pages/join/index?scene=${encodeURIComponent(
              c.scene,
            )}">模拟扫码打开</a></td></tr>`,
        )
        .join('')
      return `<details${i === 0 ? ' open' : ''}><summary><b>${esc(community)}</b>（${list.length} 个码）</summary><table><tr><th>网格</th><th>楼栋</th><th>scene</th><th></th></tr>${rows}</table></details>`
    })
    .join('')
  const none = codes.length ? '' : '<p class="muted">还没有有效的楼栋码。</p>'
  return page(
    '楼栋码：模拟扫码入格',
    `<p class="muted">每栋楼（和每个网格）张贴一个小程序码，扫码打开“加入网格”页并带上 scene。先在“登录选择”中以未加入网格的用户登录，再点“模拟扫码打开”。</p>${none}${sections}`,
  )
}
