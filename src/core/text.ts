/**
 * Cutting a person's text to fit, counted in characters (code points, so a Chinese character or an
 * emoji is one), the cut marked with `…`. One place for every card's summary and every draft.
 */

/** `s` as it is, or its first `max - 1` characters and `…`. */
export function clipText(s: string, max: number): string {
  const chars = [...s]
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`
}

/** One line of `s` (runs of whitespace and line breaks become one space, ends trimmed), clipped. */
export function clipLine(s: string, max: number): string {
  return clipText(s.replace(/\s+/g, ' ').trim(), max)
}
