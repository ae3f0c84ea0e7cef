import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKite, startKite } from './support/app';

describe('the kite command', () => {
  it('lists its commands', async () => {
    const { code, stdout } = await runKite(['help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/serve/);
  });

  it('refuses an unknown command in one line', async () => {
    const { code, stderr } = await runKite(['fly']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says in one line, without a stack, when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-cli-'));
    const { code, stderr } = await runKite(['serve', '--data', dataDir, '--port', String(port)]);
    blocker.close();
    expect(code).toBe(1);
    expect(stderr).toContain(`kite serve: Port ${port} is already in use. Start with --port N`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('says in one line when the data folder cannot be written, and touches nothing', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-cli-')), 'a-file');
    fs.writeFileSync(file, 'keep me');
    const { code, stderr } = await runKite(['serve', '--data', path.join(file, 'data'), '--port', '0']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^kite serve: Cannot write to the data folder .*--data DIR/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('shows the stack only with --debug', async () => {
    const { stderr } = await runKite(['serve', '--port', 'abc', '--debug']);
    expect(stderr).toMatch(/--port must be a number/);
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('refuses to listen beyond this PC without --lan', async () => {
    const { code, stderr } = await runKite(['serve', '--host', '0.0.0.0']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/add --lan/);
  });

  it('serves a data folder with a corrupt settings file and keeps the file', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-cli-'));
    fs.writeFileSync(path.join(dataDir, 'settings.json'), 'not json at all');
    const kite = await startKite(dataDir);
    // The warnings are the teacher's to see: sign in (first start: set the PIN) with the same cookie.
    const signIn = await fetch(`${kite.url}/api/auth.setPin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"pin":"2468"}' });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const res = await fetch(`${kite.url}/api/app.health`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    const health = (await res.json()) as { result: { warnings: { text: string }[] } };
    await kite.stop();
    expect(health.result.warnings[0]?.text).toMatch(/not valid JSON/);
    expect(kite.output()).toMatch(/warn: Settings file/);
    const aside = fs.readdirSync(dataDir).find((f) => f.startsWith('settings.json.corrupt-'));
    expect(fs.readFileSync(path.join(dataDir, aside as string), 'utf8')).toBe('not json at all');
  });

  it.each(['full', 'closed'] as const)('keeps serving when stderr cannot be written (stderr %s)', async (stderr) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-cli-'));
    // A warning at start (a corrupt settings file) and one at run time (a window locked by wrong PINs).
    fs.writeFileSync(path.join(dataDir, 'settings.json'), 'not json at all');
    const kite = await startKite(dataDir, { stderr });
    try {
      const call = (method: string, body: unknown, cookie = '') =>
        fetch(`${kite.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
      const first = await call('auth.setPin', { pin: '2468' });
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
      await call('auth.signOut', {}, cookie);
      for (let i = 0; i < 5; i++) await call('auth.teacherSignIn', { pin: '0000' }, cookie);
      expect((await call('auth.teacherSignIn', { pin: '2468' })).status).toBe(200);
      expect(kite.process.exitCode).toBeNull();
      const log = fs.readFileSync(path.join(dataDir, 'logs', 'kite.log'), 'utf8');
      expect(log).toMatch(/Settings file/);
      expect(log).toMatch(/5 wrong tries in one window/);
    } finally {
      await kite.stop();
    }
  });
});
