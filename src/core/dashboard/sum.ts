/** The field-by-field sum of counter documents (numbers only; a community's or a street's total). */
export function sumOf<T extends object>(docs: readonly T[]): Partial<Record<keyof T, number>> | null {
  if (docs.length === 0) return null
  const out: Record<string, number> = {}
  for (const d of docs)
    for (const [k, n] of Object.entries(d)) if (typeof n === 'number') out[k] = (out[k] ?? 0) + n
  return out as Partial<Record<keyof T, number>>
}
