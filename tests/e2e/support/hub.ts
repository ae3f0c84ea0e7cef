import net from 'node:net';
import { startKite, type KiteServer } from './app';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** `kite serve --hub` on its own data folder; the https address and join code it prints. */
export async function startHubKite(dataDir: string, port = 0) {
  const kite = await startKite(dataDir, { args: ['--hub', '--port', String(port), '--no-builtin-packs'] });
  await until(() => /join code \d{6}/.test(kite.output()), kite, 'the join code');
  const [, address, code] = /join at (https:\/\/\S+) with the join code (\d{6})/.exec(kite.output()) as RegExpExecArray;
  return { kite, address: address as string, code: code as string, port: Number(new URL(address as string).port) };
}

export async function until(check: () => boolean, kite: KiteServer, what: string, ms = 45_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${kite.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

