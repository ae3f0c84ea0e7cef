import { followRoom } from '../../core/hub/room-wiring';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../../core';
import { startServer, ServerStartError } from '../../server/server';
import { writeStderr } from '../../core/log/stderr';
import { CliError, DATA_OPTION, machineConfig, parse, type Command } from '../command';
import { say } from '../lang';

/** A folder of the build, out/<name>: this module runs from out/main/, or from out/main/chunks/ when loaded on demand. */
function buildFolder(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.join(path.basename(here) === 'chunks' ? path.dirname(here) : here, '..', name);
}

export const RENDERER_DIR = buildFolder('renderer');
/** The lesson packs `npm run build` makes from lessons/, installed on first start. */
export const BUILTIN_PACKS_DIR = buildFolder('builtin-packs');

export const serve: Command = {
  usage: 'kite serve [--hub] [--data DIR] [--port N] [--host H] [--no-builtin-packs]',
  async run(argv) {
    const options = { ...DATA_OPTION, hub: { type: 'boolean' }, lan: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' }, 'no-builtin-packs': { type: 'boolean' } } as const;
    const { values } = parse(argv, options, this.usage);
    const { config } = machineConfig();
    const port = values.port === undefined ? (config.lanPort ?? 5317) : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, not "${values.port}".`);
    const core = createCore({ dataDir: values.data ?? process.env.KITE_DATA_DIR, config: machineConfig(), echoLogs: true, backgroundBackups: true, appLock: true });
    // --lan is the old name of --hub: plain HTTP for the whole room is gone; other PCs join the hub over HTTPS.
    const hub = values.hub || values.lan || core.hub.role() === 'hub';
    if (!hub && values.host !== undefined && !['127.0.0.1', 'localhost', '::1'].includes(values.host)) {
      core.close();
      throw new CliError(say('cli.hub.hostNeedsHub', { host: values.host }));
    }
    // A school that wants only its own packs (and tests that need an empty shelf) can skip them.
    if (!values['no-builtin-packs'] && process.env.KITE_NO_BUILTIN_PACKS !== '1') await core.packs.installBuiltins(BUILTIN_PACKS_DIR);
    let server;
    try {
      server = await startServer({ core, rendererDir: RENDERER_DIR, port, host: values.host, hub });
    } catch (error) {
      core.close();
      if (error instanceof ServerStartError) throw new CliError(error.message);
      throw error;
    }
    if (!server.rendererBuilt) writeStderr('warning: the screens are not built; run "npm run build" (the API still answers).\n');
    // This line stays English: scripts and tests read the address from it.
    process.stdout.write(`Kite Classroom is running at ${server.url} (data: ${core.layout.root})\n`);
    if (server.hubAddresses) {
      process.stdout.write(`${say('cli.hub.hubRunning', { address: server.hubAddresses[0] ?? '', code: core.hub.joinCode() })}\n`);
      for (const other of server.hubAddresses.slice(1)) process.stdout.write(`${say('cli.hub.alsoAt', { address: other })}\n`);
    } else if (core.hub.role() === 'pupil-pc') followHub(core);
    // A hub or standalone PC with county.url in its config sends its progress to the county itself.
    const county = core.county.startPush();
    if (county && config.county) process.stdout.write(`${say('cli.county.pushing', { url: config.county.url, minutes: String(config.county.pushIntervalMinutes ?? 60) })}\n`);
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

/** A pupil PC: follow the hub (events, roster, class session) and say (once per change) whether it can be reached. */
function followHub(core: Core): void {
  const pairing = core.hub.client.pairing();
  if (!pairing) return void writeStderr(`${say('cli.warning', { text: say('errors.not_paired') })}\n`);
  process.stdout.write(`${say('cli.hub.pupilPc', { address: pairing.address, name: pairing.deviceName })}\n`);
  let last = '';
  core.hub.client.onStatus((status) => {
    const now = status.link === 'online' ? 'online' : (status.error?.code ?? '');
    if (now === last || status.link === 'connecting') return;
    last = now;
    if (status.link === 'online') process.stdout.write(`${say('cli.hub.online', { address: pairing.address })}\n`);
    else if (status.error) writeStderr(`${say('cli.warning', { text: say(`errors.${status.error.code}`, { address: pairing.address }) })}\n`);
  });
  followRoom(core);
}
