/**
 * The draft outbox: what the person submitted is kept on the device until the server acknowledged
 * it (weak networks: a report or errand is never lost, a retry never makes a duplicate).
 *
 * - `save()` writes the draft — payload, local photo paths and its client request id — to storage
 *   BEFORE anything is sent.
 * - `flush()` sends every due draft: photos upload one by one (each fileID is stored as it completes,
 *   so a retry never uploads a photo twice), then the kind's `send` runs with the same request id on
 *   every attempt (the server is idempotent on it).
 * - A network failure schedules the next attempt with exponential backoff; a refusal from the server
 *   (a domain error: bad input, forbidden…) marks the draft `failed` with the copy to show.
 * - Only an answer from the server turns a draft `sent` (the UI says "已提交" only then).
 *
 * Generic over kinds: reports register one (drafts-report.ts); errands (#6) register theirs.
 * Storage, uploads and time are injected, so tests drive it with fakes.
 */
import { ServiceError } from './cloud'
import { errorCopy } from './error-copy'
import { newRequestId } from './request-id'
import { TransportError } from './transport-types'
import { PhotoMissingError, UploadRefusedError } from './upload-rules'

export type DraftState = 'pending' | 'sent' | 'failed'

export interface DraftFile {
  /** Local path (weapp saved file) or blob: URL (H5). */
  readonly local: string
  /** Set once the upload completed. */
  readonly fileID: string | null
}

export interface Draft<P = unknown, R = unknown> {
  /** The client request id: the same on every attempt. */
  readonly id: string
  readonly kind: string
  /** Who saved it (user id): photos go under their prefix in storage. */
  readonly owner: string
  readonly payload: P
  readonly files: readonly DraftFile[]
  readonly createdAt: number
  readonly attempts: number
  /** Earliest time (ms) of the next automatic attempt. */
  readonly nextAttemptAt: number
  readonly state: DraftState
  /** Last failure: its code and the Chinese copy to show. */
  readonly lastError: { readonly code: string; readonly copy: string } | null
  /** What the server answered (state `sent`). */
  readonly result: R | null
  readonly sentAt: number | null
}

export interface DraftKind<P, R> {
  readonly kind: string
  /** Cloud storage path of photo `index` of this draft. */
  readonly cloudPath: (draft: Draft<P, R>, index: number) => string
  /** Sends the draft with its uploaded photos. Must be idempotent on `draft.id`. */
  readonly send: (draft: Draft<P, R>, fileIDs: readonly string[]) => Promise<R>
}

export interface KeyValue {
  get(key: string): unknown
  set(key: string, value: unknown): void
}

export interface OutboxDeps {
  readonly store: KeyValue
  readonly upload: (localPath: string, cloudPath: string) => Promise<string>
  readonly discardFile?: (localPath: string) => void
  readonly now?: () => number
  readonly random?: () => number
  readonly setTimer?: (fn: () => void, ms: number) => unknown
  readonly clearTimer?: (handle: unknown) => void
  readonly key?: string
}

export const DRAFTS_KEY = 'emulin.drafts.v1'
/** First retry after ~5 s, doubling, at most ~10 min apart. */
export const BACKOFF_BASE_MS = 5_000
export const BACKOFF_MAX_MS = 10 * 60_000
/** Sent drafts are kept a day (for "已提交" on pages that open later), then dropped. */
export const SENT_KEEP_MS = 24 * 3600_000

export function backoffMs(attempts: number, random: number): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS)
  return Math.round(base * (0.75 + 0.5 * random))
}

/** Network trouble (retry later) vs. a definite answer (stop and tell the person). */
export function isRetryable(err: unknown): boolean {
  if (err instanceof ServiceError)
    return err.code === 'NETWORK' || err.code === 'INTERNAL' || err.code === 'DATA.CONFLICT'
  if (err instanceof TransportError) return true
  if (err instanceof PhotoMissingError || err instanceof UploadRefusedError) return false
  // Unknown throwables (a platform API rejecting with a plain object) are treated as transient.
  return true
}

function failureOf(err: unknown): { code: string; copy: string } {
  if (err instanceof ServiceError) return { code: err.code, copy: err.copy }
  if (err instanceof PhotoMissingError)
    return { code: 'PHOTO_MISSING', copy: '照片已失效，请重新选择照片后再提交' }
  if (err instanceof UploadRefusedError)
    return { code: 'UPLOAD_REFUSED', copy: '照片上传被拒绝，请换一张照片再试' }
  if (err instanceof TransportError && err.status === 401)
    return { code: 'NOT_SIGNED_IN', copy: '请先登录，登录后自动提交' }
  return { code: 'NETWORK', copy: errorCopy('NETWORK') }
}

type Listener = (drafts: readonly Draft[]) => void

export class DraftOutbox {
  private readonly kinds = new Map<string, DraftKind<unknown, unknown>>()
  private readonly listeners = new Set<Listener>()
  private readonly key: string
  private readonly now: () => number
  private readonly random: () => number
  private running: Promise<void> | null = null
  private again = false
  private timer: unknown = null

  constructor(private readonly deps: OutboxDeps) {
    this.key = deps.key ?? DRAFTS_KEY
    this.now = deps.now ?? Date.now
    this.random = deps.random ?? Math.random
  }

  register<P, R>(kind: DraftKind<P, R>): void {
    this.kinds.set(kind.kind, kind as unknown as DraftKind<unknown, unknown>)
  }

  /** Every draft on the device (sent ones for a day), oldest first. */
  list(kind?: string): readonly Draft[] {
    const all = this.read()
    return kind ? all.filter((d) => d.kind === kind) : all
  }

  get<P = unknown, R = unknown>(id: string): Draft<P, R> | null {
    return (this.read().find((d) => d.id === id) as Draft<P, R> | undefined) ?? null
  }

  /** Persists a new draft (nothing is sent yet). `id` defaults to a fresh client request id. */
  save<P>(
    kind: string,
    owner: string,
    payload: P,
    localFiles: readonly string[],
    id: string = newRequestId(),
  ): Draft<P> {
    if (!this.kinds.has(kind)) throw new Error(`unknown draft kind ${kind}`)
    const existing = this.get<P>(id)
    if (existing) return existing
    const draft: Draft<P> = {
      id,
      kind,
      owner,
      payload,
      files: localFiles.map((local) => ({ local, fileID: null })),
      createdAt: this.now(),
      attempts: 0,
      nextAttemptAt: 0,
      state: 'pending',
      lastError: null,
      result: null,
      sentAt: null,
    }
    this.write([...this.read(), draft as Draft])
    return draft
  }

  /** Drops a draft (the person gave up on a failed one, or it was sent). */
  remove(id: string): void {
    const draft = this.get(id)
    if (!draft) return
    this.write(this.read().filter((d) => d.id !== id))
    if (draft.state !== 'sent') for (const f of draft.files) this.deps.discardFile?.(f.local)
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn)
    return () => {
      this.listeners.delete(fn)
    }
  }

  /**
   * Sends this draft now (ignoring its backoff) and resolves with it after the attempt: `sent`,
   * still `pending` (network) or `failed` (refused).
   */
  async submit<P = unknown, R = unknown>(id: string): Promise<Draft<P, R> | null> {
    await this.flush({ force: true, only: id })
    return this.get<P, R>(id)
  }

  /**
   * Sends every pending draft that is due (`force`: ignore backoff — the network just came back or
   * the app came to the foreground). One flush at a time; a call during a flush runs another after.
   */
  flush(opts: { force?: boolean; only?: string } = {}): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running.then(() => this.flush(opts))
    }
    this.running = this.run(opts).finally(() => {
      this.running = null
      this.schedule()
    })
    return this.running
  }

  /** Pending drafts count (for a badge such as "2 条待发送"). */
  pendingCount(kind?: string): number {
    return this.list(kind).filter((d) => d.state === 'pending').length
  }

  private async run({ force = false, only }: { force?: boolean; only?: string }): Promise<void> {
    this.again = false
    const now = this.now()
    const due = this.read().filter(
      (d) => d.state === 'pending' && (only ? d.id === only : force || d.nextAttemptAt <= now),
    )
    for (const d of due) await this.attempt(d.id)
  }

  private async attempt(id: string): Promise<void> {
    let draft = this.get(id)
    const kind = draft ? this.kinds.get(draft.kind) : undefined
    if (!draft || draft.state !== 'pending' || !kind) return
    try {
      for (let i = 0; i < draft.files.length; i++) {
        const file: DraftFile = draft.files[i] as DraftFile
        if (file.fileID) continue
        const fileID = await this.deps.upload(file.local, kind.cloudPath(draft, i))
        draft = this.update(id, (d) => ({
          ...d,
          files: d.files.map((f, j) => (j === i ? { ...f, fileID } : f)),
        }))
        if (!draft) return
      }
      const result = await kind.send(
        draft,
        draft.files.map((f) => f.fileID as string),
      )
      this.update(id, (d) => ({
        ...d,
        state: 'sent',
        result,
        lastError: null,
        attempts: d.attempts + 1,
        sentAt: this.now(),
      }))
      for (const f of draft.files) this.deps.discardFile?.(f.local)
    } catch (err) {
      const retry = isRetryable(err)
      this.update(id, (d) => ({
        ...d,
        attempts: d.attempts + 1,
        state: retry ? 'pending' : 'failed',
        nextAttemptAt: this.now() + backoffMs(d.attempts + 1, this.random()),
        lastError: failureOf(err),
      }))
    }
  }

  /** Arms one timer for the earliest pending retry. */
  private schedule(): void {
    if (this.timer !== null) this.deps.clearTimer?.(this.timer)
    this.timer = null
    if (this.again) return
    const pending = this.read().filter((d) => d.state === 'pending')
    if (!pending.length || !this.deps.setTimer) return
    const at = Math.min(...pending.map((d) => d.nextAttemptAt))
    this.timer = this.deps.setTimer(
      () => {
        this.timer = null
        void this.flush()
      },
      Math.max(0, at - this.now()),
    )
  }

  private update(id: string, fn: (d: Draft) => Draft): Draft | null {
    let out: Draft | null = null
    this.write(
      this.read().map((d) => {
        if (d.id !== id) return d
        out = fn(d)
        return out
      }),
    )
    return out
  }

  private read(): Draft[] {
    const raw = this.deps.store.get(this.key)
    let list: unknown = raw
    if (typeof raw === 'string') {
      try {
        list = raw ? JSON.parse(raw) : []
      } catch {
        list = []
      }
    }
    if (!Array.isArray(list)) return []
    const cutoff = this.now() - SENT_KEEP_MS
    return (list as Draft[]).filter(
      (d) => d && typeof d.id === 'string' && !(d.state === 'sent' && (d.sentAt ?? 0) < cutoff),
    )
  }

  private write(drafts: readonly Draft[]): void {
    this.deps.store.set(this.key, JSON.stringify(drafts))
    for (const fn of this.listeners) fn(drafts)
  }
}
