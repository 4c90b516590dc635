// The effects vocabulary (src/core/effects.ts): conditions, counter documents, merged counts.
import { counterDoc, entryOf, holds, mergeCounts, newOutbox, type Count } from '../../src/core/effects'

const T = new Date('2026-12-01T00:00:00Z')

describe('holds: a subject still holds a condition', () => {
  const doc = { status: 'pending', version: 3, at: T, path: { gridId: 'g1' }, gone: null }
  it.each([
    ['no condition', undefined, true],
    ['an equal field', { status: 'pending' }, true],
    ['a different field', { status: 'approved' }, false],
    ['every field must hold', { status: 'pending', version: 4 }, false],
    ['one of several values', { status: ['approved', 'pending'] }, true],
    ['none of several values', { status: ['approved', 'rejected'] }, false],
    ['a nested field', { 'path.gridId': 'g1' }, true],
    ['a missing field is null', { missing: null }, true],
    ['a null field is not a value', { gone: 'x' }, false],
    ['the same instant', { at: new Date(T.getTime()) }, true],
    ['another instant', { at: new Date(T.getTime() + 1) }, false],
  ])('%s', (_n, condition, expected) => {
    expect(holds(doc, condition)).toBe(expected)
  })
})

describe('counterDoc: a counter document as its first count creates it', () => {
  it('adds the increments to the initial fields, dotted names nested', () => {
    expect(
      counterDoc(
        { level: 'grid', refId: 'g1', workers: {} },
        { received: 1, open: 1, 'workers.w1.received': 1 },
      ),
    ).toEqual({ level: 'grid', refId: 'g1', received: 1, open: 1, workers: { w1: { received: 1 } } })
  })
  it('does not change the initial fields it was given', () => {
    const init = { workers: { w1: { received: 2 } } }
    expect(counterDoc(init, { 'workers.w1.received': 1 })).toEqual({ workers: { w1: { received: 3 } } })
    expect(init).toEqual({ workers: { w1: { received: 2 } } })
  })
})

describe('mergeCounts: one increment per document', () => {
  const c = (id: string, incs: Record<string, number>): Count => ({
    kind: 'count',
    collection: 'stats',
    id,
    incs,
    init: {},
  })
  it('sums counts of the same document and keeps others apart', () => {
    expect(mergeCounts([c('a', { x: 1 }), c('b', { x: 1 }), c('a', { x: 2, y: 1 })])).toEqual([
      c('a', { x: 3, y: 1 }),
      c('b', { x: 1 }),
    ])
  })
  it('drops a document whose increments cancel out', () => {
    expect(mergeCounts([c('a', { open: 1 }), c('a', { open: -1 })])).toEqual([])
  })
})

describe('entries', () => {
  it('a move that owes nothing stores no entry', () => {
    expect(entryOf('v2', T, [])).toBeNull()
    expect(newOutbox([null], T)).toEqual({ outbox: [], outboxAt: null })
  })
  it('an entry is timestamped for the timer', () => {
    const e = entryOf('v2', T, [{ kind: 'follow', name: 'x' }])
    expect(newOutbox([e], T)).toEqual({ outbox: [e], outboxAt: T })
  })
})
