/**
 * What the page tests share: a scripted `api` behind the real `callApi` (answers by action, the
 * calls recorded), and the few ways a person touches a Taro page in jsdom (tap, type, find a button).
 */
import { act, fireEvent, screen } from '@testing-library/react'
import { useTransport } from '../../src/services/cloud'

export interface ApiCall {
  readonly action: string
  readonly input: Record<string, unknown>
}
/**
 * A value (answered as `{ ok: true, data }` unless it already is a result) or a function of the input
 * (awaited: it may hold the answer back until the test releases it).
 */
export type Answer = unknown | ((input: Record<string, unknown>) => unknown)

/** Every call since the last `api(...)`, in order. */
export const calls: ApiCall[] = []

/** Scripts the `api` function: each action answers from `answers`; an unscripted action fails the call. */
export function api(answers: Record<string, Answer>): void {
  calls.length = 0
  useTransport(async (_name, data) => {
    const { action, input } = data as ApiCall
    calls.push({ action, input })
    if (!(action in answers)) throw new Error(`unexpected ${action}`)
    const a = answers[action]
    const value = typeof a === 'function' ? await (a as (i: Record<string, unknown>) => unknown)(input) : a
    return value && typeof value === 'object' && 'ok' in value ? value : { ok: true, data: value }
  })
}

/** A failed result with its code. */
export const fail = (code: string) => ({ ok: false, error: { code, message: code } })
/** The inputs the page sent to `action`, in order. */
export const inputs = (action: string) => calls.filter((c) => c.action === action).map((c) => c.input)

export const tap = (el: Element) =>
  act(async () => {
    fireEvent.click(el)
  })

/** Types into a labelled Taro input (or textarea: `tag`). */
export const type = (label: string, value: string, tag = 'taro-input-core') =>
  act(async () => {
    const input = document.querySelector(`${tag}[aria-label="${label}"]`)
    if (!input) throw new Error(`no field ${label}`)
    input.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })

/** Buttons by their text (NutUI nests the label inside <taro-button-core>); other text may say the same words. */
export const buttons = (text: string) =>
  screen.queryAllByText(text).filter((el) => el.closest('taro-button-core'))
export const button = (text: string) => {
  const [b] = buttons(text)
  if (!b) throw new Error(`no button ${text}`)
  return b
}
