/** `11月21日 09:05` in China time. */
export function shortTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}

/** `11月21日` in China time. */
export function shortDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}
