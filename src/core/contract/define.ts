import type * as v from 'valibot'

/**
 * One action of the wire contract: its input schema (validated on both sides) and, as a phantom
 * type, its output. The client gateway and the function routes are typed from these definitions.
 */
export interface ActionDef<I extends v.GenericSchema, O> {
  readonly input: I
  /** Phantom: never set at run time, carries the output type. */
  readonly __output?: O
}

export function defineAction<O>() {
  return <I extends v.GenericSchema>(input: I): ActionDef<I, O> => ({ input })
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance-free constraint for registries
export type AnyActionDef = ActionDef<v.GenericSchema, any>
export type InputOf<D> = D extends ActionDef<infer I, unknown> ? v.InferInput<I> : never
export type ParsedInputOf<D> = D extends ActionDef<infer I, unknown> ? v.InferOutput<I> : never
export type OutputOf<D> = D extends ActionDef<v.GenericSchema, infer O> ? O : never
