import { createRequire } from 'node:module';
import type { AnySchemaObject } from 'ajv';
import { z } from 'zod';

// ajv is loaded when a check is first made: only a county reads bundles, and the app's start need not
// wait the ~40 ms its code takes to load.
const loadAjv = () => (createRequire(import.meta.url)('ajv') as typeof import('ajv')).default;

/**
 * A zod schema's checks, compiled by ajv from its JSON Schema (z.toJSONSchema): for a county's millions
 * of event lines, 3–4× faster than zod's parse, and no copy of the object. zod stays the contract:
 * - a value ajv refuses is parsed by zod, for zod's words (and zod's answer);
 * - a value ajv accepts must also pass the schema's refinements, which a JSON Schema cannot hold: they
 *   are given here, and their number is checked against the schema's (a refinement added to the schema
 *   and not here is an error at once, not a check silently skipped);
 * - string lengths count code points in both (tests/unit/county-fast-check.test.ts holds them to it).
 * Only for schemas that neither transform nor default (the value is used as it was parsed).
 */
export function fastCheck<T>(schema: z.ZodType<T>, refinements: ((value: T) => boolean)[]): (raw: unknown) => z.ZodSafeParseResult<T> {
  const checks = (schema as unknown as { _zod: { def: { checks?: unknown[] } } })._zod.def.checks ?? [];
  if (checks.length !== refinements.length) throw new Error(`fastCheck: the schema has ${checks.length} refinements, ${refinements.length} given`);
  const Ajv = loadAjv();
  const ajv = new Ajv({ strict: true, allErrors: false });
  const jsonSchema = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'throw' }) as AnySchemaObject;
  delete jsonSchema.$schema;
  const valid = ajv.compile(jsonSchema);
  return (raw) => (valid(raw) && refinements.every((refined) => refined(raw as T)) ? { success: true, data: raw as T } : schema.safeParse(raw));
}
