/** A client request id that makes a retried submit land once (see clientRequestId in core). */
export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 10)
  return `${Date.now().toString(36)}${rand}`.padEnd(12, '0')
}
