#!/usr/bin/env node
// The `kite` command. It runs the built CLI (out/main/cli.js), made by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('kite: the app is not built yet. Run "npm run build" in the Kite Classroom folder first.\n');
  process.exit(1);
}
await import(cli);
