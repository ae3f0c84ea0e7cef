// `npm run schemas`: write the lesson-pack JSON Schemas to schemas/ from the zod source.
import fs from 'node:fs';
import path from 'node:path';
import { packJsonSchemas, serializeSchema } from '../src/shared/pack/json-schema';

const dir = path.join(import.meta.dirname, '..', 'schemas');
fs.mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(packJsonSchemas())) {
  fs.writeFileSync(path.join(dir, name), serializeSchema(schema));
  process.stdout.write(`wrote schemas/${name}\n`);
}
