import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { startServer, type RunningServer } from '../../src/server/server';
import { createDispatcher } from '../../src/handlers/dispatch';
import { buildFixturePack, fixtureLesson } from '../support/packs';
import { tempDir } from '../support/temp';

const cores: Core[] = [];
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const c of cores.splice(0)) c.close();
});

function newCore(dataDir = tempDir()): Core {
  const core = createCore({ dataDir });
  cores.push(core);
  return core;
}

function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      })
      .on('error', reject);
  });
}

describe('installing a lesson pack', () => {
  it('installs a .kpack, lists it with its lessons, and serves a lesson and its media', async () => {
    const dir = tempDir();
    const file = await buildFixturePack(dir, { lessons: [fixtureLesson('first-lesson'), fixtureLesson('second-lesson', { minutes: 20 })] });
    const core = newCore();
    const installed = await core.packs.install(file, { trustConfirmed: true });
    expect(installed).toMatchObject({ id: 'org.example.test-pack', version: '1.0.0', signature: 'unsigned', languages: ['zh-CN', 'en'] });
    expect(fs.existsSync(path.join(core.layout.packs, 'org.example.test-pack', '1.0.0', 'media', 'cover.svg'))).toBe(true);
    expect(fs.readdirSync(core.layout.tmp)).toEqual([]);
    // The size the teacher sees is what the pack takes on disk: manifest, signature, lessons and media, once each.
    const onDisk = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? onDisk(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
    expect(installed.sizeBytes).toBe(onDisk(path.join(core.layout.packs, 'org.example.test-pack', '1.0.0')));

    const dispatch = createDispatcher(core);
    const session = core.sessions.create();
    const list = await dispatch('packs.list', {}, { session });
    expect(list.ok && list.result).toMatchObject([
      { id: 'org.example.test-pack', lessons: [{ id: 'first-lesson', stepCount: 2, minutes: 10, activityTypes: ['slide', 'single-choice'] }, { id: 'second-lesson', minutes: 20 }] },
    ]);
    const view = await dispatch('lessons.get', { packId: 'org.example.test-pack', lessonId: 'second-lesson' }, { session });
    expect(view.ok && view.result).toMatchObject({ pack: { id: 'org.example.test-pack', version: '1.0.0' }, lesson: { id: 'second-lesson' }, assetBase: '/packs/org.example.test-pack/1.0.0/' });
    const missing = await dispatch('lessons.get', { packId: 'org.example.test-pack', lessonId: 'nope' }, { session });
    expect(missing.ok || missing.error.code).toBe('not_found');
    expect(core.homeSummary().lessons).toEqual({ packs: 1, lessons: 2 });

    const server = await startServer({ core, rendererDir: tempDir(), port: 0 });
    servers.push(server);
    const base = `http://127.0.0.1:${server.port}`;
    const svg = await get(`${base}/packs/org.example.test-pack/1.0.0/media/cover.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    const range = await get(`${base}/packs/org.example.test-pack/1.0.0/media/cover.svg`, { range: 'bytes=0-3' });
    expect(range.status).toBe(206);
    expect(range.body.toString()).toBe('<svg');
    for (const bad of [
      '/packs/org.example.test-pack/0.9.0/media/cover.svg',
      '/packs/org.example.test-pack/1.0.0/manifest.json',
      '/packs/org.example.test-pack/1.0.0/media/../manifest.json',
      '/packs/org.example.test-pack/1.0.0/media/%2e%2e/manifest.json',
      '/packs/org.example.test-pack/1.0.0/media/',
      '/packs/org.example.other/1.0.0/media/cover.svg',
      '/packs/../kite.db',
    ]) {
      expect((await get(`${base}${bad}`)).status, bad).toBeGreaterThanOrEqual(400);
    }
  });

  it('upgrades keeping the old version until the new one is in, then removes it; a downgrade needs confirmation', async () => {
    const dir = tempDir();
    const v1 = await buildFixturePack(dir, { version: '1.0.0', lessons: [fixtureLesson('first-lesson'), fixtureLesson('old-lesson')] });
    const v2 = await buildFixturePack(dir, { version: '1.1.0', lessons: [fixtureLesson('first-lesson', { minutes: 15 }), fixtureLesson('new-lesson')] });
    const core = newCore();
    await core.packs.install(v1, { trustConfirmed: true });

    const preview = await core.packs.stage(v2);
    expect(preview.upgrade).toEqual({ kind: 'upgrade', fromVersion: '1.0.0', added: ['new-lesson'], removed: ['old-lesson'], changed: ['first-lesson'] });
    // Staged, not installed: the pupils still have 1.0.0.
    expect(core.packs.list()[0]?.version).toBe('1.0.0');
    expect(fs.existsSync(path.join(core.layout.packs, 'org.example.test-pack', '1.0.0'))).toBe(true);
    core.packs.commit(preview.stagingId, { trustConfirmed: true });
    expect(core.packs.list().map((p) => p.version)).toEqual(['1.1.0']);
    expect(fs.readdirSync(path.join(core.layout.packs, 'org.example.test-pack'))).toEqual(['1.1.0']);

    const back = await core.packs.stage(v1);
    expect(back.upgrade?.kind).toBe('downgrade');
    expect(() => core.packs.commit(back.stagingId, { trustConfirmed: true })).toThrow(expect.objectContaining({ code: 'pack_downgrade' }));
    expect(core.packs.list()[0]?.version).toBe('1.1.0');
    core.packs.commit(back.stagingId, { trustConfirmed: true, confirmDowngrade: true });
    expect(core.packs.list()[0]?.version).toBe('1.0.0');

    // Same version again: a reinstall (repair) replaces the files in one step.
    const again = await core.packs.stage(v1);
    expect(again.upgrade?.kind).toBe('reinstall');
    core.packs.commit(again.stagingId, { trustConfirmed: true });
    expect(fs.readdirSync(path.join(core.layout.packs, 'org.example.test-pack'))).toEqual(['1.0.0']);
  });

  it('uninstalls the files but keeps nothing else of the pack; installing again works', async () => {
    const dir = tempDir();
    const file = await buildFixturePack(dir);
    const core = newCore();
    await core.packs.install(file, { trustConfirmed: true });
    core.packs.uninstall('org.example.test-pack');
    expect(core.packs.list()).toEqual([]);
    expect(fs.existsSync(path.join(core.layout.packs, 'org.example.test-pack'))).toBe(false);
    expect(() => core.packs.uninstall('org.example.test-pack')).toThrow(expect.objectContaining({ code: 'not_found' }));
    await core.packs.install(file, { trustConfirmed: true });
    expect(core.packs.list()).toHaveLength(1);
  });

  it('after a crash keeps exactly the version the database names and removes half-moved folders', async () => {
    const dataDir = tempDir();
    const dir = tempDir();
    const core = newCore(dataDir);
    await core.packs.install(await buildFixturePack(dir), { trustConfirmed: true });
    core.close();
    cores.pop();
    // A new version moved in but the process died before the database said so; and a pack never recorded.
    const packDir = path.join(dataDir, 'packs', 'org.example.test-pack');
    fs.cpSync(path.join(packDir, '1.0.0'), path.join(packDir, '2.0.0'), { recursive: true });
    fs.mkdirSync(path.join(dataDir, 'packs', 'org.example.ghost', '1.0.0'), { recursive: true });
    const again = newCore(dataDir);
    expect(again.packs.list().map((p) => `${p.id}@${p.version}`)).toEqual(['org.example.test-pack@1.0.0']);
    expect(fs.readdirSync(path.join(dataDir, 'packs'))).toEqual(['org.example.test-pack']);
    expect(fs.readdirSync(packDir)).toEqual(['1.0.0']);
  });

  it('installs the built-in packs once, and respects a teacher who uninstalled one', async () => {
    const builtins = tempDir();
    await buildFixturePack(builtins, { id: 'org.kiteclassroom.basics' });
    const core = newCore();
    expect((await core.packs.installBuiltins(builtins)).map((p) => p.id)).toEqual(['org.kiteclassroom.basics']);
    core.packs.uninstall('org.kiteclassroom.basics');
    expect(await core.packs.installBuiltins(builtins)).toEqual([]);
    expect(await core.packs.installBuiltins(path.join(builtins, 'none'))).toEqual([]);
  });
});

describe('signing a built pack', () => {
  it('adds a signature.json over the exact manifest bytes without touching the other entries', async () => {
    const { signKpack } = await import('../../src/core/packs/build');
    const { inspectKpack } = await import('../../src/core/packs/verify');
    const { fixtureKeys } = await import('../support/packs');
    const dir = tempDir();
    const unsigned = await buildFixturePack(dir);
    const inspection = await inspectKpack(unsigned, dir);
    expect(inspection.issues).toEqual([]);
    const signedFile = path.join(dir, 'signed.kpack');
    const signature = await signKpack(unsigned, inspection.manifestBytes as Buffer, fixtureKeys().privateKeyPem, signedFile);
    expect(signature.keyId).toBe(fixtureKeys().publicKey.keyId);
    const core = newCore();
    core.packs.trust.add('Tests', fixtureKeys().publicKey.publicKey);
    expect(await core.packs.install(signedFile)).toMatchObject({ signature: 'trusted' });
    // Signing again replaces the signature rather than adding a second one.
    const twice = path.join(dir, 'twice.kpack');
    await signKpack(signedFile, inspection.manifestBytes as Buffer, fixtureKeys().privateKeyPem, twice);
    expect((await inspectKpack(twice, dir)).issues).toEqual([]);
    expect(await core.packs.install(twice)).toMatchObject({ signature: 'trusted' });
  });
});
