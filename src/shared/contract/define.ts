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

/** May a caller with role `actual` use something meant for `required`? Teachers may do all pupils may. */
export function roleAllows(required: Role, actual: Role): boolean {
  return required === 'pupil' || actual === 'teacher';
}

export interface EventSpec<S extends z.ZodType> {
  /** Who may receive it: 'pupil' events go to every window, 'teacher' events only to signed-in teachers. */
  role: Role;
  payload: S;
}

/** Declare an event: `event('teacher', payloadSchema)`. */
export function event<S extends z.ZodType>(role: Role, payload: S): EventSpec<S> {
  return { role, payload };
}

/** Input for methods that take none: `{}` or nothing at all. */
export const NoInput = z.object({}).strict().default({});

/**
 * Any small JSON value: at most `maxDepth` levels of arrays and objects and `maxChars` characters
 * as JSON. Walked without recursion, so a value nested 10,000 deep is refused as invalid input
 * (400), never a stack overflow.
 */
export function boundedJson(maxDepth: number, maxChars: number) {
  return z.unknown().superRefine((value, ctx) => {
    const problem = jsonBoundsProblem(value, maxDepth, maxChars);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

export function jsonBoundsProblem(value: unknown, maxDepth: number, maxChars: number): string | undefined {
  const tooLarge = `must be at most ${maxChars} characters of JSON`;
  const stack: [unknown, number][] = [[value, 0]];
  let chars = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item !== null && typeof item === 'object') {
      if (depth >= maxDepth) return `is nested too deep (at most ${maxDepth} levels)`;
      const children = Array.isArray(item) ? item : Object.entries(item).map(([k, v]) => ((chars += k.length + 3), v));
      chars += 2 + children.length;
      for (const child of children) stack.push([child, depth + 1]);
    } else {
      chars += typeof item === 'string' ? item.length + 2 : String(item).length;
    }
    if (chars > maxChars) return tooLarge;
  }
  return value === undefined || JSON.stringify(value).length <= maxChars ? undefined : tooLarge;
}
