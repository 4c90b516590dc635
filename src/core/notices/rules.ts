/**
 * The pure rules of notices (社区公告): who may publish where, who sees what, and what a notice may
 * hold. The store and the route only load, save and send.
 *
 * - **Publishing**: the street's admins for the street; a community's admins, or the street's admins
 *   over it, for the community or some of its grids. Grid workers do not publish (a notice speaks
 *   for the 居委会 or the 街道).
 * - **Seeing**: a resident sees the notices of their street, their community and their grid, from
 *   the publish time on, unless withdrawn; a grid worker, by id, those reaching their grid (to
 *   answer residents about them). Those who may manage a notice see it in every state.
 */
import { AdminRoles, grantsOver, holdsOver, homeOf, type Holder } from '../access'
import { DomainError } from '../errors'
import type { OrgPath } from '../org/model'
import { NoticesErrors as E } from './errors'
import {
  AttachmentExts,
  ImageExts,
  NOTICE_FOLDER,
  NOTICE_LIMITS as L,
  type NoticeAttachment,
  type NoticeBlock,
  type NoticeRecord,
  type NoticeScope,
} from './model'

/** A scope with the path of its place, as the store resolved it (a grid's community checked). */
export interface ResolvedScope {
  readonly level: NoticeScope['level']
  readonly streetId: string
  readonly communityId: string | null
  readonly gridIds: readonly string[] | null
}

/** May `h` publish (and edit, withdraw) a notice of this scope? */
export function mayPublish(h: Holder, scope: Pick<ResolvedScope, 'streetId' | 'communityId'>): boolean {
  if (scope.communityId === null) return holdsOver(h, 'street_admin', { streetId: scope.streetId })
  return holdsOver(h, AdminRoles, { streetId: scope.streetId, communityId: scope.communityId })
}

/** May `h` manage this notice (edit, withdraw, see its read counts and every state)? */
export const mayManage = (h: Holder, n: Pick<NoticeRecord, 'streetId' | 'communityId'>): boolean =>
  mayPublish(h, n)

/** Who sees a notice of this scope, and whose staff manage it (stored on the notice, indexed). */
export function scopeKeys(s: ResolvedScope): { audience: string[]; places: string[] } {
  const places = s.communityId ? [s.streetId, s.communityId] : [s.streetId]
  if (s.level === 'street') return { audience: [`s:${s.streetId}`], places }
  if (s.level === 'community') return { audience: [`c:${s.communityId ?? ''}`], places }
  return { audience: (s.gridIds ?? []).map((g) => `g:${g}`), places }
}

/** The audience keys a resident answers to: their street, community and grid. */
export function readerKeys(h: Holder): string[] {
  const home = homeOf(h)
  if (!home) throw new DomainError(E.NO_HOUSEHOLD, '请先加入网格')
  return keysOfHome(home)
}

function keysOfHome(home: OrgPath): string[] {
  return [`s:${home.streetId}`, `c:${home.communityId ?? ''}`, `g:${home.gridId ?? ''}`]
}

/** Is the notice out for everyone (published, its time come)? */
export const isOut = (n: Pick<NoticeRecord, 'status' | 'publishAt'>, now: Date): boolean =>
  n.status === 'published' && new Date(n.publishAt).getTime() <= now.getTime()

/** The grid a resident reads the notice as (their home's, when it is meant for them), else null. */
export function readerGrid(h: Holder, n: Pick<NoticeRecord, 'audience'>): string | null {
  const home = homeOf(h)
  if (!home?.gridId) return null
  const mine = keysOfHome(home)
  return n.audience.some((k) => mine.includes(k)) ? home.gridId : null
}

/** Does a notice reach a grid `h` works for (its grid worker reads what its residents read)? */
function reachesMyGrid(h: Holder, n: Pick<NoticeRecord, 'audience'>): boolean {
  return grantsOver(h, 'grid_worker').some((g) => n.audience.some((k) => keysOfHome(g.scope).includes(k)))
}

/**
 * May `h` read this notice now: out and meant for them (or for a grid they work for), or theirs to
 * manage (any state)?
 */
export function mayRead(h: Holder, n: NoticeRecord, now: Date): boolean {
  if (mayManage(h, n)) return true
  return isOut(n, now) && (readerGrid(h, n) !== null || reachesMyGrid(h, n))
}

// ── What a notice may hold ──

export interface NoticeDraft {
  readonly title: string
  readonly blocks: readonly NoticeBlock[]
  readonly attachments: readonly NoticeAttachment[]
}

/** Where new files of this notice must be: the caller's folder for it (the request, or the notice when editing). */
export interface FilePlace {
  readonly userId: string
  readonly key: string
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function filePattern(at: FilePlace, names: string, exts: readonly string[]): RegExp {
  return new RegExp(
    `^cloud://[^/]+/${NOTICE_FOLDER}/${esc(at.userId)}/${esc(at.key)}/${names}\\.(${exts.join('|')})$`,
  )
}

/**
 * Checks and trims a draft: a title of 1..60 characters; paragraphs trimmed (empty ones dropped),
 * each ≤ 2000 and all ≤ 6000 characters, at least one; ≤ 9 images and ≤ 5 attachments of ≤ 20 MB,
 * each a file of the caller's folder for this notice or one the notice already holds, none twice.
 */
export function checkDraft(
  d: NoticeDraft,
  at: FilePlace,
  kept: ReadonlySet<string> = new Set(),
): NoticeDraft {
  const title = d.title.trim()
  if (title.length === 0 || title.length > L.title) throw new DomainError(E.TITLE, '标题无效')
  const blocks: NoticeBlock[] = []
  for (const b of d.blocks) {
    if (b.kind === 'img') blocks.push(b)
    else {
      const text = b.text.trim()
      if (text.length > L.paragraph) throw new DomainError(E.TEXT_TOO_LONG, '段落过长')
      if (text) blocks.push({ kind: 'p', text })
    }
  }
  const paragraphs = blocks.filter((b): b is { kind: 'p'; text: string } => b.kind === 'p')
  if (paragraphs.reduce((n, p) => n + p.text.length, 0) > L.text)
    throw new DomainError(E.TEXT_TOO_LONG, '正文过长')
  if (paragraphs.length === 0) throw new DomainError(E.EMPTY, '请填写正文')
  const images = blocks.filter((b): b is { kind: 'img'; fileId: string } => b.kind === 'img')
  if (images.length > L.images) throw new DomainError(E.TOO_MANY_IMAGES, '图片过多')
  if (blocks.length > L.blocks) throw new DomainError(E.TEXT_TOO_LONG, '段落过多')
  if (d.attachments.length > L.attachments) throw new DomainError(E.TOO_MANY_ATTACHMENTS, '附件过多')
  if (d.attachments.some((a) => a.size > L.attachmentBytes || a.size < 0))
    throw new DomainError(E.ATTACHMENT_TOO_LARGE, '附件过大')
  const img = filePattern(at, '[1-9]', ImageExts)
  const file = filePattern(at, 'a[1-5]', AttachmentExts)
  const ids = [...images.map((b) => b.fileId), ...d.attachments.map((a) => a.fileId)]
  const bad =
    new Set(ids).size !== ids.length ||
    images.some((b) => !kept.has(b.fileId) && !img.test(b.fileId)) ||
    d.attachments.some((a) => !kept.has(a.fileId) && !file.test(a.fileId))
  if (bad) throw new DomainError(E.FILE_INVALID, '图片或附件无效')
  const attachments = d.attachments.map((a) => {
    const name = a.name.trim()
    if (!name || name.length > L.attachmentName) throw new DomainError(E.FILE_INVALID, '附件名称无效')
    return { fileId: a.fileId, name, size: a.size }
  })
  return { title, blocks, attachments }
}

/** The publish time: now when absent; not in the past beyond a minute's slack, at most 90 days ahead. */
export function publishTime(at: string | undefined, now: Date): Date {
  if (at === undefined) return now
  const t = new Date(at)
  const ahead = t.getTime() - now.getTime()
  if (Number.isNaN(t.getTime()) || ahead > L.aheadDays * 86_400_000)
    throw new DomainError(E.BAD_TIME, '发布时间无效')
  return ahead < 0 ? now : t
}

/** The text a notice asks content security about: its title, paragraphs and attachment names. */
export function textOf(d: NoticeDraft): string {
  return [
    d.title,
    ...d.blocks.map((b) => (b.kind === 'p' ? b.text : '')),
    ...d.attachments.map((a) => a.name),
  ]
    .filter(Boolean)
    .join('\n')
}

/** The files of a draft (to check they were stored). */
export const filesOf = (d: NoticeDraft): string[] => [
  ...d.blocks.flatMap((b) => (b.kind === 'img' ? [b.fileId] : [])),
  ...d.attachments.map((a) => a.fileId),
]

/** The first paragraph, cut for a card. */
export function summaryOf(blocks: readonly NoticeBlock[], max = 60): string {
  const first = blocks.find((b) => b.kind === 'p')
  const text = first && first.kind === 'p' ? first.text : ''
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
