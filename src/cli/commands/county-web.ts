import fs from 'node:fs';
import path from 'node:path';
import { createFileLogger } from '../../core/log/logger';
import { openCounty } from '../../core/county/store';
import { openCountyDb } from '../../core/county/store/db';
import { serveCounty } from '../../core/county/web';
import { createViewers, MIN_PASSWORD_LENGTH, type Viewers } from '../../core/county/viewers';
import { CliError, DATA_OPTION, dataDirFrom, parse } from '../command';
import { say } from '../lang';
import { readLine } from '../stdin';
import { BUILTIN_PACKS_DIR } from './serve';

export const PG_OPTION = { pg: { type: 'string' } } as const;
export const VIEWER_USAGE = 'kite county viewer add|password|remove NAME | kite county viewer list  [--pg URL] [--data DIR]  (the password: typed, or one line on standard input)';

/** A password typed twice at a terminal (not echoed), or one line piped in. */
async function askPassword(name: string): Promise<string> {
  const password = await readLine(say('cli.countyWeb.passwordPrompt', { name, min: MIN_PASSWORD_LENGTH }), { hidden: true });
  if (process.stdin.isTTY && (await readLine(say('cli.countyWeb.passwordAgain'), { hidden: true })) !== password) throw new CliError(say('cli.countyWeb.passwordsDiffer'));
  return password;
}

async function withViewers<T>(values: { data?: string; pg?: string }, work: (viewers: Viewers) => Promise<T>): Promise<T> {
  const db = await openCountyDb({ dataDir: dataDirFrom(values.data), pg: values.pg });
  try {
    return await work(createViewers(db));
  } finally {
    await db.close();
  }
}

/** `kite county viewer …`: the dashboard's read-only accounts (no teacher PIN involved). */
export async function countyViewer(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...DATA_OPTION, ...PG_OPTION }, VIEWER_USAGE);
  const [action, name, ...rest] = positionals;
  if (rest.length > 0) throw new CliError(`${say('cli.countyWeb.badViewerAction')}\nusage: ${VIEWER_USAGE}`);
  if (action === 'list' && name === undefined) {
    const list = await withViewers(values, (v) => v.list());
    if (list.length === 0) process.stdout.write(`${say('cli.countyWeb.noViewers')}\n`);
    else process.stdout.write(`${say('cli.countyWeb.viewersHeading', { count: list.length })}\n${list.map((v) => `  ${v.name}\t${v.createdAt}\n`).join('')}`);
    return 0;
  }
  if (action !== 'add' && action !== 'password' && action !== 'remove') throw new CliError(`${say('cli.countyWeb.badViewerAction')}\nusage: ${VIEWER_USAGE}`);
  if (!name) throw new CliError(`${say('cli.countyWeb.needName')}\nusage: ${VIEWER_USAGE}`);
  if (action === 'remove') {
    await withViewers(values, (v) => v.remove(name));
    process.stdout.write(`${say('cli.countyWeb.viewerRemoved', { name })}\n`);
    return 0;
  }
  const password = await askPassword(name);
  if (action === 'add') {
    const added = await withViewers(values, (v) => v.add(name, password));
    process.stdout.write(`${say('cli.countyWeb.viewerAdded', { name: added })}\n`);
  } else {
    await withViewers(values, (v) => v.setPassword(name, password));
    process.stdout.write(`${say('cli.countyWeb.passwordSet', { name })}\n`);
  }
  return 0;
}

export const SERVE_USAGE = 'kite county serve [--pg URL] [--port N] [--host H] [--data DIR]';

/** `kite county serve`: HTTPS for pushes, the upload page and the dashboard; prints the address and the certificate fingerprint. */
export async function countyServe(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...DATA_OPTION, ...PG_OPTION, port: { type: 'string' }, host: { type: 'string' } }, SERVE_USAGE);
  const port = values.port === undefined ? 8443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, not "${values.port}".`);
  const dataDir = dataDirFrom(values.data);
  fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
  const log = createFileLogger({ dir: path.join(dataDir, 'logs'), echo: true });
  const county = await openCounty({ dataDir, pg: values.pg });
  let server;
  try {
    server = await serveCounty({ county, dataDir, port, host: values.host, packsDir: BUILTIN_PACKS_DIR, log });
  } catch (error) {
    await county.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`The port ${port} is in use: choose another with --port.`);
    throw error;
  }
  const [first, ...others] = server.urls;
  // This line stays English: scripts and tests read the address from it.
  process.stdout.write(`Kite county server is running at ${first} (data: ${dataDir}${values.pg ? ', PostgreSQL' : ''})\n`);
  for (const url of others) process.stdout.write(`${say('cli.countyWeb.alsoAt', { url })}\n`);
  process.stdout.write(`${say('cli.countyWeb.fingerprint', { fingerprint: server.fingerprint })}\n`);
  process.stdout.write(`${say('cli.countyWeb.countyKey', { key: county.key.publicKey })}\n`);
  if (server.viewers === 0) process.stdout.write(`${say('cli.countyWeb.noViewers')}\n`);
  const stop = async () => {
    await server.close();
    await county.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise(() => {});
  return 0;
}
