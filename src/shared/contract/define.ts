import { z } from 'zod';

export type Role = 'pupil' | 'teacher';

export interface MethodSpec<I extends z.ZodType, R> {
  role: Role;
  input: I;
  /** Phantom: carries the result type; never read at run time. */
  result?: R;
}

/** Declare a method: `method<Result>()(role, inputSchema)`. */
export function method<R>() {
  return <I extends z.ZodType>(role: Role, input: I): MethodSpec<I, R> => ({ role, input });
}

/** Input for methods that take none: `{}` or nothing at all. */
export const NoInput = z.object({}).strict().default({});
