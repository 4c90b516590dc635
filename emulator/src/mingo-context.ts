/**
 * mingo's operators, with the few that disagree with MongoDB (and so with CloudBase, whose query and
 * aggregation language is MongoDB's) replaced. Found by running node-sdk's own database tests against
 * the emulator; each replacement has a test in test/emulator/database/.
 *
 * - `$elemMatch` with field conditions ({ value: { $gt: 0 } }) matched arrays of plain numbers: mingo
 *   resolves a field of a scalar to the scalar itself. MongoDB applies field conditions only to
 *   elements that are documents (or arrays). `$all: [{ $elemMatch }]` shares the fix.
 * - `$week` (strftime %U: weeks start on Sunday, days before the first Sunday are week 0) was off.
 * - `$indexOfCP` is missing from mingo 7.
 * - `$substrBytes` / `$substr` threw on negative arguments; MongoDB returns "" for a negative start and
 *   the rest of the string for a negative length.
 *
 * mingo's default context cannot override built-ins (its operators take precedence when contexts are
 * merged), so the emulator builds its own complete context and uses mingo's base Query/Aggregator.
 */
import { Context } from 'mingo'
import { evalExpr } from 'mingo/core'
import * as accumulatorOps from 'mingo/operators/accumulator'
import * as expressionOps from 'mingo/operators/expression'
import * as pipelineOps from 'mingo/operators/pipeline'
import * as projectionOps from 'mingo/operators/projection'
import * as queryOps from 'mingo/operators/query'
import * as windowOps from 'mingo/operators/window'
import { Query as BaseQuery } from 'mingo/query'
import { Aggregator as BaseAggregator } from 'mingo/aggregator'
import { MingoError, isEqual, isOperator, resolve } from 'mingo/util'
import type { Any, AnyObject, Options } from 'mingo/types'

type Opts = Options

/** MongoDB applies $elemMatch field conditions to embedded documents (and arrays), never to scalars */
const isDocumentLike = (v: unknown): boolean =>
  v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof RegExp)

const LOGICAL = new Set(['$and', '$or', '$nor'])

/** the test $elemMatch applies to each element of the array */
function elementTest(criteria: Any, options: Opts): (v: unknown) => boolean {
  if (criteria === null || typeof criteria !== 'object' || Array.isArray(criteria))
    throw new MingoError('$elemMatch needs an object')
  const keys = Object.keys(criteria as AnyObject)
  if (keys.length === 0) return (v) => isDocumentLike(v) && !Array.isArray(v)
  if (keys.every((k) => isOperator(k) && !LOGICAL.has(k))) {
    // operator conditions apply to the element itself: { $gt: 2 } on [1, 2, 3]
    const q = new BaseQuery({ field: criteria } as AnyObject, options)
    return (v) => q.test({ field: v } as AnyObject)
  }
  const q = new BaseQuery(criteria as AnyObject, options)
  return (v) => isDocumentLike(v) && q.test(v as AnyObject)
}

function $elemMatch(selector: string, criteria: Any, options: Opts): (o: AnyObject) => boolean {
  const test = elementTest(criteria, options)
  return (o) => {
    const lhs = resolve(o, selector, { unwrapArray: true })
    return Array.isArray(lhs) && lhs.some(test)
  }
}

/** $all, whose { $elemMatch } members use the same element test */
function $all(selector: string, rhs: Any, options: Opts): (o: AnyObject) => boolean {
  if (!Array.isArray(rhs)) throw new MingoError('$all needs an array')
  const tests = rhs.map((expr): ((values: unknown[]) => boolean) => {
    if (isDocumentLike(expr) && Object.keys(expr as AnyObject)[0] === '$elemMatch') {
      const test = elementTest((expr as AnyObject).$elemMatch, options)
      return (values) => values.some(test)
    }
    if (expr instanceof RegExp) return (values) => values.some((s) => typeof s === 'string' && expr.test(s))
    return (values) => values.some((v) => isEqual(expr, v))
  })
  return (o) => {
    const values = resolve(o, selector, { unwrapArray: true })
    return Array.isArray(values) && values.length > 0 && tests.length > 0 && tests.every((t) => t(values))
  }
}

/** the date argument of a date operator: `<date>` or `{ date, timezone }` */
function dateArg(obj: AnyObject, expr: Any, options: Opts): unknown {
  const isSpec = expr !== null && typeof expr === 'object' && !Array.isArray(expr) && 'date' in expr
  return evalExpr(obj, isSpec ? (expr as AnyObject).date : expr, options)
}

/** week of the year, 0–53, weeks starting on Sunday (strftime %U), in the given timezone */
function $week(obj: AnyObject, expr: Any, options: Opts): number | null {
  if (dateArg(obj, expr, options) == null) return null
  const dayOfYear = evalExpr(obj, { $dayOfYear: expr }, options) as number // 1..366
  const dayOfWeek = evalExpr(obj, { $dayOfWeek: expr }, options) as number // 1 = Sunday
  return Math.floor((dayOfYear - 1 + 7 - (dayOfWeek - 1)) / 7)
}

function args(op: string, obj: AnyObject, expr: Any, options: Opts, min: number, max: number): unknown[] {
  if (!Array.isArray(expr) || expr.length < min || expr.length > max)
    throw new MingoError(`${op} expects ${min === max ? min : `${min} to ${max}`} arguments`)
  return evalExpr(obj, expr, options) as unknown[]
}

function nonNegativeInt(op: string, v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new MingoError(`${op} requires an integral ${what}`)
  if (v < 0) throw new MingoError(`${op} requires a nonnegative ${what}`)
  return v
}

/** index (in code points) of the first occurrence of a substring, searching [start, end) */
function $indexOfCP(obj: AnyObject, expr: Any, options: Opts): number | null {
  const [s, token, start, end] = args('$indexOfCP', obj, expr, options, 2, 4)
  if (s === null || s === undefined) return null
  if (typeof s !== 'string') throw new MingoError('$indexOfCP requires a string as the first argument')
  if (typeof token !== 'string') throw new MingoError('$indexOfCP requires a string as the second argument')
  const cps = Array.from(s)
  const needle = Array.from(token)
  const from = start === undefined ? 0 : nonNegativeInt('$indexOfCP', start, 'starting index')
  const to = Math.min(
    end === undefined ? cps.length : nonNegativeInt('$indexOfCP', end, 'ending index'),
    cps.length,
  )
  for (let i = from; i + needle.length <= to; i++) {
    let j = 0
    while (j < needle.length && cps[i + j] === needle[j]) j++
    if (j === needle.length) return i
  }
  return -1
}

const isContinuation = (b: number | undefined): boolean => b !== undefined && (b & 0xc0) === 0x80

/** MongoDB's $substrBytes (and its alias $substr): negative start → "", negative length → to the end */
function substrBytes(op: string) {
  return (obj: AnyObject, expr: Any, options: Opts): string => {
    const [s, start, count] = args(op, obj, expr, options, 3, 3)
    if (typeof start !== 'number' || !Number.isFinite(start))
      throw new MingoError(`${op}: starting index must be a numeric type`)
    if (typeof count !== 'number' || !Number.isFinite(count))
      throw new MingoError(`${op}: length must be a numeric type`)
    if (s === null || s === undefined) return ''
    if (typeof s !== 'string') throw new MingoError(`${op} requires a string as the first argument`)
    const bytes = Buffer.from(s, 'utf8')
    const lower = Math.trunc(start)
    if (lower < 0 || lower >= bytes.length) return ''
    const length = Math.trunc(count)
    const upper = length < 0 ? bytes.length : Math.min(lower + length, bytes.length)
    if (isContinuation(bytes[lower]))
      throw new MingoError(`${op}: Invalid range, starting index is a UTF-8 continuation byte.`)
    if (upper < bytes.length && isContinuation(bytes[upper]))
      throw new MingoError(`${op}: Invalid range, ending index is in the middle of a UTF-8 character.`)
    return bytes.subarray(lower, upper).toString('utf8')
  }
}

/** all of mingo's operators, with the fixed ones first (the first definition of a name wins) */
export const context: Context = Context.init({
  query: { $elemMatch, $all } as never,
  expression: {
    $week,
    $indexOfCP,
    $substrBytes: substrBytes('$substrBytes'),
    $substr: substrBytes('$substr'),
  } as never,
})
  .addAccumulatorOps(accumulatorOps as never)
  .addExpressionOps(expressionOps as never)
  .addPipelineOps(pipelineOps as never)
  .addProjectionOps(projectionOps as never)
  .addQueryOps(queryOps as never)
  .addWindowOps(windowOps as never)

/** the options of every query, projection, sort and update the database runs */
export const MINGO_OPTS: Partial<Options> = { idKey: '_id', scriptEnabled: false, useStrictMode: true }

export class Query extends BaseQuery {
  constructor(condition: AnyObject, options: Partial<Options>) {
    super(condition, { ...options, context })
  }
}

export class Aggregator extends BaseAggregator {
  constructor(pipeline: AnyObject[], options: Partial<Options>) {
    super(pipeline, { ...options, context })
  }
}
