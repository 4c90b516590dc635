/**
 * A small, strict XML reader for tests (written for the Open311 feed's answers; independent of the
 * code that writes them): one optional `<?xml …?>` declaration, elements without attributes, text
 * with the five predefined entities and numeric references. Anything else (a stray `<` or `&`,
 * mismatched or unclosed tags, text outside the root, attributes, comments, CDATA) throws.
 */
export interface XmlElement {
  readonly name: string
  readonly children: readonly XmlElement[]
  /** the element's own text (its text nodes joined), entities decoded */
  readonly text: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(raw: string, at: number): string {
  if (/[<>]/.test(raw)) throw new Error(`xml: stray markup in text near ${at}`)
  return raw.replace(/&([^;]*);|&/g, (m, name: string | undefined) => {
    if (name === undefined) throw new Error(`xml: bare & near ${at}`)
    if (ENTITIES[name]) return ENTITIES[name]
    const num = /^#(x[0-9a-fA-F]+|\d+)$/.exec(name)
    if (num?.[1])
      return String.fromCodePoint(parseInt(num[1].replace(/^x/, ''), num[1].startsWith('x') ? 16 : 10))
    throw new Error(`xml: unknown entity ${m} near ${at}`)
  })
}

export function parseXml(source: string): XmlElement {
  let pos = 0
  const decl = /^<\?xml version="1\.0" encoding="utf-8"\?>/.exec(source)
  if (decl) pos = decl[0].length
  const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y

  function element(): XmlElement {
    if (source[pos] !== '<') throw new Error(`xml: expected < at ${pos}`)
    pos += 1
    NAME.lastIndex = pos
    const m = NAME.exec(source)
    if (!m) throw new Error(`xml: expected an element name at ${pos}`)
    const name = m[0]
    pos = NAME.lastIndex
    if (source.startsWith('/>', pos)) {
      pos += 2
      return { name, children: [], text: '' }
    }
    if (source[pos] !== '>') throw new Error(`xml: attributes or junk in <${name}> at ${pos}`)
    pos += 1
    const children: XmlElement[] = []
    let text = ''
    for (;;) {
      const lt = source.indexOf('<', pos)
      if (lt < 0) throw new Error(`xml: <${name}> is never closed`)
      text += decode(source.slice(pos, lt), pos)
      pos = lt
      if (source.startsWith('</', pos)) {
        const close = `</${name}>`
        if (!source.startsWith(close, pos)) throw new Error(`xml: expected ${close} at ${pos}`)
        pos += close.length
        return { name, children, text }
      }
      children.push(element())
    }
  }

  const root = element()
  if (source.slice(pos).trim() !== '') throw new Error(`xml: content after the root element at ${pos}`)
  return root
}

/** The children of `el` named `name`. */
export const childrenNamed = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name)

/** The text of the one child named `name` (undefined when absent; throws when repeated). */
export function childText(el: XmlElement, name: string): string | undefined {
  const found = childrenNamed(el, name)
  if (found.length > 1) throw new Error(`xml: <${el.name}> has ${found.length} <${name}>`)
  return found[0]?.text
}
