/** Calls cloud function `name` with `data` and resolves with what the function returned. */
export type Transport = (name: string, data: unknown) => Promise<unknown>

/** The platform itself failed (network, function crashed) — not a domain error. */
export class TransportError extends Error {
  readonly status: number
  constructor(message: string, status: number) {
    super(message)
    this.name = 'TransportError'
    this.status = status
  }
}

/** The local gateway said the caller has no session (H5 only). */
export class NotSignedInError extends TransportError {
  constructor() {
    super('not signed in', 401)
    this.name = 'NotSignedInError'
  }
}
