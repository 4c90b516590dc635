/**
 * Open311 GeoReport v2 bodies in both formats the spec names (XML is required, JSON optional):
 * `<services><service>`, `<service_requests><request>`, `<service_definition>`, `<discovery>`, and
 * errors as `<errors><error><code/><description/></error></errors>` or `[{code, description}]`.
 */
import type { Open311Request, Open311Service } from './feed'
import type { Format } from './query'

export interface Discovery {
  readonly changeset: string
  readonly contact: string
  readonly key_service: string
  readonly endpoints: ReadonlyArray<{
    readonly specification: string
    readonly url: string
    readonly changeset: string
    readonly type: 'production' | 'test'
    readonly formats: readonly string[]
  }>
}

export interface ServiceDefinition {
  readonly service_code: string
  readonly attributes: readonly never[]
}

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
}

/** XML text with the five special characters escaped, and characters XML 1.0 forbids dropped. */
export function xmlText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  )
}

type Scalar = string | number | boolean
type Node = Scalar | readonly Node[] | { readonly [k: string]: Node | undefined }

/** The element each list's items are written as. */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
}

/** `<name>…</name>`: an object's fields in order (undefined ones left out), a list's items by ITEM. */
function element(name: string, value: Node): string {
  if (Array.isArray(value)) {
    const item = ITEM[name] ?? 'item'
    return `<${name}>${value.map((v: Node) => element(item, v)).join('')}</${name}>`
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, Node | undefined>)
      .filter((e): e is [string, Node] => e[1] !== undefined)
      .map(([k, v]) => element(k, v))
      .join('')
    return `<${name}>${inner}</${name}>`
  }
  return `<${name}>${xmlText(String(value))}</${name}>`
}

const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>'

function body(format: Format, json: unknown, xml: () => string): string {
  return format === 'json' ? JSON.stringify(json) : `${XML_HEAD}${xml()}`
}

const asNode = (v: unknown): Node => v as Node

export const renderServices = (format: Format, services: readonly Open311Service[]): string =>
  body(format, services, () => element('services', asNode(services)))

export const renderRequests = (format: Format, requests: readonly Open311Request[]): string =>
  body(format, requests, () => element('service_requests', asNode(requests)))

export const renderDefinition = (format: Format, def: ServiceDefinition): string =>
  body(format, def, () => element('service_definition', asNode(def)))

export const renderDiscovery = (format: Format, d: Discovery): string =>
  body(format, d, () => element('discovery', asNode(d)))

/** The spec's error body: one error with the HTTP status as its code. */
export function renderError(format: Format, code: number, description: string): string {
  const errors = [{ code, description }]
  return body(format, errors, () => element('errors', asNode(errors)))
}
