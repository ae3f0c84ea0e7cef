import { z } from 'zod';
import { Lesson } from './lesson';
import { Manifest, Signature } from './manifest';

/**
 * The pack format as JSON Schema files (schemas/*.schema.json) for authors' editors. Generated
 * from the zod schemas by `npm run schemas`; a test fails when the committed files drift.
 * Cross-file rules (ids that must resolve, every language present) are the validator's job.
 */
export function packJsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodType, id: string, title: string) => ({
    $id: id,
    title,
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', reused: 'ref' }),
  });
  return {
    'manifest.schema.json': make(Manifest, 'manifest.schema.json', 'Kite Classroom lesson pack manifest (manifest.json)'),
    'lesson.schema.json': make(Lesson, 'lesson.schema.json', 'Kite Classroom lesson (lessons/<id>.json)'),
    'signature.schema.json': make(Signature, 'signature.schema.json', 'Kite Classroom pack signature (signature.json)'),
  };
}

export function serializeSchema(schema: unknown): string {
  return JSON.stringify(schema, null, 2) + '\n';
}
