import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../core';
import { startServer, ServerStartError } from '../../server/server';
import { writeStderr } from '../../core/log/stderr';
import { CliError, DATA_OPTION, machineConfig, parse, type Command } from '../command';

/** A folder of the build, out/<name>: this module runs from out/main/, or from out/main/chunks/ when loaded on demand. */
function buildFolder(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.join(path.basename(here) === 'chunks' ? path.dirname(here) : here, '..', name);
}

export const RENDERER_DIR = buildFolder('renderer');
/** The lesson packs `npm run build` makes from lessons/, installed on first start. */
export const BUILTIN_PACKS_DIR = buildFolder('builtin-packs');

export const serve: Command = {
  usage: 'kite serve [--data DIR] [--port N] [--host H] [--lan] [--no-builtin-packs]',
  async run(argv) {
    const { values } = parse(argv, { ...DATA_OPTION, port: { type: 'string' }, host: { type: 'string' }, lan: { type: 'boolean' }, 'no-builtin-packs': { type: 'boolean' } }, this.usage);
    const { config } = machineConfig();
    const port = values.port === undefined ? (config.lanPort ?? 5317) : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, not "${values.port}".`);
    const lan = values.lan ?? config.lanMode ?? false;
    const host = values.host ?? (lan ? '0.0.0.0' : '127.0.0.1');
    if (!lan && !['127.0.0.1', 'localhost', '::1'].includes(host)) {
      throw new CliError(`Listening on ${host} lets other computers connect; add --lan to confirm classroom mode.`);
    }
    const core = createCore({ dataDir: values.data ?? process.env.KITE_DATA_DIR, config: machineConfig(), echoLogs: true, backgroundBackups: true });
    // A school that wants only its own packs (and tests that need an empty shelf) can skip them.
    if (!values['no-builtin-packs'] && process.env.KITE_NO_BUILTIN_PACKS !== '1') await core.packs.installBuiltins(BUILTIN_PACKS_DIR);
    let server;
    try {
      server = await startServer({ core, rendererDir: RENDERER_DIR, port, host, lan });
    } catch (error) {
      core.close();
      if (error instanceof ServerStartError) throw new CliError(error.message);
      throw error;
    }
    if (!server.rendererBuilt) writeStderr('warning: the screens are not built; run "npm run build" (the API still answers).\n');
    process.stdout.write(`Kite Classroom is running at ${server.url} (data: ${core.layout.root})${lan ? ' in classroom (LAN) mode' : ''}\n`);
    const stop = async () => {
      await server.close();
      core.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await new Promise(() => {});
  },
};
