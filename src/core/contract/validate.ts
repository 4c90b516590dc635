import * as v from 'valibot'
import { CommonErrorCodes, DomainError, type ErrorDetail } from '../errors'

/** Parse `value` with `schema`, or throw INPUT.INVALID naming each failing path. */
export function parseInput<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  const details: ErrorDetail[] = result.issues.map((issue) => {
    const path = v.getDotPath(issue)
    return path ? { path, message: issue.message } : { message: issue.message }
  })
  throw new DomainError(CommonErrorCodes.INVALID_INPUT, '输入有误', details)
}
