import { openCountyDb } from '../../core/county/store/db';
import { createViewers, MIN_PASSWORD_LENGTH, type Viewers } from '../../core/county/viewers';
import { CliError, DATA_OPTION, dataDirFrom, parse } from '../command';
import { say } from '../lang';
import { readLine } from '../stdin';

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
