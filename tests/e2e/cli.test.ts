import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { buildFixturePack } from '../support/packs';
import { runKite, startKite } from './support/app';

const CHINESE = { LANG: 'zh_CN.UTF-8' };
/** Every line of a message a Chinese teacher reads is Chinese, except the details line (English for IT staff). */
const chineseLines = (text: string) => text.trim().split('\n').filter((line) => !line.includes('技术细节：'));

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

  it('refuses to listen beyond this PC unless started as the classroom hub', async () => {
    const { code, stderr } = await runKite(['serve', '--host', '0.0.0.0']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/start the teacher's PC with --hub/);
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

describe("the kite command speaks the PC's language", () => {
  it('speaks Chinese on a Chinese PC, and --lang en (or LC_ALL) overrides it', async () => {
    const zh = await runKite(['help'], { env: CHINESE });
    expect(zh.stdout).toContain('风筝课堂（Kite Classroom）命令行');
    expect(zh.stdout).toContain('检查这台电脑');
    const en = await runKite(['help', '--lang', 'en'], { env: CHINESE });
    expect(en.stdout).toContain('Kite Classroom (风筝课堂) command line');
    expect(en.stdout).not.toContain('检查这台电脑');
    expect((await runKite(['help'], { env: { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' } })).stdout).toContain('command line');
    expect((await runKite(['help', '--lang=zh-CN'])).stdout).toContain('命令行');
    const unknown = await runKite(['fly'], { env: CHINESE });
    expect(unknown).toMatchObject({ code: 2, stderr: 'kite: 没有“fly”这个命令。运行“kite help”查看全部命令。\n' });
    const bad = await runKite(['help', '--lang', 'fr']);
    expect(bad).toMatchObject({ code: 2, stderr: 'kite: --lang must be zh-CN or en, not "fr".\n' });
  });

  it('says a damaged pack description wholly in Chinese, the English fact on a details line', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-cli-words-'));
    const kpack = await buildFixturePack(work, { hostile: 'manifest-schema' });
    const data = path.join(work, 'data');
    const zh = await runKite(['pack', 'install', kpack, '--data', data, '--trust-unsigned'], { env: CHINESE });
    expect(zh.code).toBe(1);
    expect(zh.stderr).toMatch(/^kite pack: 课程包的说明文件（manifest\.json）已损坏，课程包没有安装。请向制作课程包的人要一份新的。\n技术细节：manifest\.json#\/version: must be a version like 1\.2\.0/);
    // Apart from the details line, no English word: file names and the command's own name are all.
    for (const line of chineseLines(zh.stderr)) expect(line.replace(/kite pack|manifest\.json/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    const en = await runKite(['pack', 'install', kpack, '--data', data, '--trust-unsigned', '--lang', 'en'], { env: CHINESE });
    expect(en.stderr).toMatch(/^kite pack: manifest\.json#\/version: must be a version like 1\.2\.0/);
    expect(en.stderr).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a data folder it cannot write in Chinese, the English reason on a details line', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-cli-')), 'a-file');
    fs.writeFileSync(file, 'keep me');
    const { code, stderr } = await runKite(['serve', '--data', path.join(file, 'data'), '--port', '0'], { env: CHINESE });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^kite serve: 数据文件夹无法写入，请联系信息技术老师。\n技术细节：Cannot write to the data folder .*\n$/);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('prints a config example that validate accepts on this same PC, in either language', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-cli-config-'));
    for (const env of [{}, CHINESE]) {
      const example = await runKite(['config', 'example'], { env });
      const file = path.join(dir, 'example.jsonc');
      fs.writeFileSync(file, example.stdout);
      const check = await runKite(['config', 'validate', file], { env });
      expect(check.code, check.stdout).toBe(0);
      expect(check.stdout).not.toMatch(/^problem:|^问题：/m);
      expect(check.stdout).toMatch(env === CHINESE ? /没有问题：设置了 \d+ 项/ : /is valid: \d+ key\(s\) set/);
    }
  });
});

/** A read-only view of a folder, refused to root too: a read-only bind mount (tests run as root). Undefined where mounting is not allowed. */
function readOnlyView(dir: string): { path: string; release: () => void } | undefined {
  const view = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-ro-'));
  try {
    execFileSync('mount', ['--bind', dir, view], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'remount,bind,ro', view], { stdio: 'ignore' });
  } catch {
    try {
      execFileSync('umount', [view], { stdio: 'ignore' });
    } catch {
      // was not mounted
    }
    return undefined;
  }
  return { path: view, release: () => execFileSync('umount', [view]) };
}

describe('kite doctor on a read-only data folder', () => {
  it('reads the intact database and names the folder as the problem, in Chinese on a Chinese PC', async (context) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-cli-ro-'));
    createCore({ dataDir }).close();
    const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-cli-ro-config-')), 'config.json');
    fs.writeFileSync(config, '{}');
    const view = readOnlyView(dataDir);
    if (!view) return context.skip('cannot make a read-only bind mount here (needs root and mount)');
    try {
      expect(() => fs.writeFileSync(path.join(view.path, 'probe'), 'x')).toThrow(/EROFS/);
      const en = await runKite(['doctor', '--data', view.path, '--config', config]);
      expect(en.code).toBe(1);
      expect(en.stdout).toContain(`FAIL  Data folder ${view.path} is not writable`);
      expect(en.stdout).toMatch(/OK {4}Database integrity: ok/);
      expect(en.stdout).not.toContain('Database cannot be read');
      expect(en.stdout).toContain('Result: BROKEN: 1 problem(s)');
      const zh = await runKite(['doctor', '--data', view.path, '--config', config], { env: CHINESE });
      expect(zh.stdout).toContain(`故障  数据文件夹 ${view.path} 无法写入`);
      expect(zh.stdout).toContain('数据库完整性：正常');
      expect(zh.stdout).toMatch(/结果：有故障：1 个故障/);
    } finally {
      view.release();
    }
  });
});
