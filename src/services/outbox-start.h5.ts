/**
 * H5: the outbox (the report contracts, their validation and the cloud client) is not part of the
 * entry chunk. It loads on demand right after launch, so the first page renders without it; the
 * report pages import it themselves, and `reportOutbox` starts the sync only once.
 */
export function startOutbox(): void {
  import('./drafts-report')
    .then((m) => m.reportOutbox())
    .catch((e: unknown) => console.warn('outbox: could not load', e))
}
