import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFixturePack } from '../support/packs';
import { request, startTestServer } from '../support/server';
import { attempt, progressSetup } from '../support/progress';
import { PROGRESS_UPLOAD } from '../../src/core/progress/merge';
import { tempDir } from '../support/temp';

async function start() {
  const { core, base } = await startTestServer();
  let cookie = '';
  const call = async (method: string, body: unknown) => {
    const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    return (await res.json()) as { ok: boolean; result?: Record<string, unknown>; error?: { code: string; message: string } };
  };
  const upload = async (file: string, url?: string) => {
    const target = url ?? ((await call('packs.uploadToken', {})).result?.url as string | undefined) ?? '/upload/pack';
    const res = await fetch(`${base}${target}`, { method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream' }, body: fs.readFileSync(file) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; result?: { uploadId: string; bytes: number }; error?: { code: string } } };
  };
  /** packs.preview starts a job; its end comes from jobs.get (what a UI that missed the event asks). */
  const preview = async (source: unknown) => {
    const started = await call('packs.preview', { source });
    if (!started.ok) return started;
    for (;;) {
      const job = (await call('jobs.get', { jobId: started.result?.jobId })).result as { status: string; result: Record<string, unknown>; error: { code: string; message: string } };
      if (job.status !== 'running') return job.status === 'finished' ? { ok: true, result: job.result } : { ok: false, error: job.error };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { core, base, call, upload, preview, cookie: () => cookie };
}

describe('uploading a pack through the browser host', () => {
  it('is for the teacher only, streams the file to tmp, previews and installs it, and leaves tmp empty', async () => {
    const { core, call, upload, preview } = await start();
    const file = await buildFixturePack(tempDir());
    await call('auth.session', {});
    expect((await call('packs.uploadToken', {})).error?.code).toBe('forbidden');
    expect((await upload(file, '/upload/pack')).status).toBe(403);
    expect((await upload(file, '/upload/pack?token=made-up')).status).toBe(403);
    expect(fs.readdirSync(core.layout.tmp)).toEqual([]);

    await call('auth.setPin', { pin: '2468' });
    const sent = await upload(file);
    expect(sent).toMatchObject({ status: 200, body: { ok: true, result: { bytes: fs.statSync(file).size } } });
    // A token is good for one upload only.
    const { url } = (await call('packs.uploadToken', {})).result as { url: string };
    const again = await upload(file, url);
    expect(again.status).toBe(200);
    expect((await upload(file, url)).status).toBe(403);
    const second = await preview({ kind: 'upload', uploadId: again.body.result?.uploadId });
    expect((await call('packs.discard', { stagingId: second.result?.stagingId })).ok).toBe(true);
    const previewed = await preview({ kind: 'upload', uploadId: sent.body.result?.uploadId });
    expect(previewed).toMatchObject({ ok: true, result: { id: 'org.example.test-pack', signature: 'unsigned', needsConfirmation: true } });
    const wrongPin = await call('packs.install', { stagingId: previewed.result?.stagingId, pin: '0000' });
    expect(wrongPin.error?.code).toBe('pin_wrong');
    const installed = await call('packs.install', { stagingId: previewed.result?.stagingId, pin: '2468' });
    expect(installed).toMatchObject({ ok: true, result: { id: 'org.example.test-pack', version: '1.0.0' } });
    expect(fs.readdirSync(core.layout.tmp)).toEqual([]);
  });

  it('says plainly when an upload is gone, without a path', async () => {
    const { call, preview } = await start();
    await call('auth.setPin', { pin: '2468' });
    const gone = await preview({ kind: 'upload', uploadId: crypto.randomUUID() });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found', message: 'That upload is no longer here (was the app restarted?). Choose the pack file again.' } });
  });

  it('refuses a hostile upload with its code and removes the upload', async () => {
    const { core, call, upload, preview } = await start();
    await call('auth.setPin', { pin: '2468' });
    const sent = await upload(await buildFixturePack(tempDir(), { hostile: 'symlink' }));
    const previewed = await preview({ kind: 'upload', uploadId: sent.body.result?.uploadId });
    expect(previewed).toMatchObject({ ok: false, error: { code: 'pack_symlink', message: expect.stringContaining('symbolic link') } });
    expect(fs.readdirSync(core.layout.tmp)).toEqual([]);
    expect(core.packs.list()).toEqual([]);
  });
});

describe('uploading a progress file through the browser host (a whole school\'s, past the API\'s 1 MB)', () => {
  it('merges a 2 MB file by its upload, leaves tmp empty, and refuses a file over the limit or without a token, changing nothing', async () => {
    const { core, base, call, cookie } = await start();
    await call('auth.setPin', { pin: '2468' });
    const other = progressSetup();
    const cls = await other.teacher('classes.create', { name: '六年级二班', grade: 6 });
    const pupil = await other.teacher('pupils.add', { classId: cls.id, name: '小芳' });
    const child = other.pupil();
    await child('pupils.signIn', { pupilId: pupil.id });
    for (let i = 0; i < 5000; i++) await child('attempts.record', attempt(`q${i % 20}`, i % 3 === 0));
    const { text } = await other.teacher('progress.exportFile');
    other.core.close();
    expect(text.length).toBeGreaterThan(2_000_000);
    expect((await call('progress.mergeFile', { text })).error?.code).toBe('bad_request'); // the API's 1 MB body limit

    const send = async (body: string, token = true) => {
      const url = token ? ((await call('progress.uploadToken', {})).result?.url as string) : '/upload/progress';
      const res = await fetch(`${base}${url}`, { method: 'POST', headers: { cookie: cookie(), 'content-type': 'application/octet-stream' }, body });
      return { status: res.status, body: (await res.json()) as { ok: boolean; result?: { uploadId: string }; error?: { code: string; details?: Record<string, unknown> } } };
    };
    expect((await send(text, false)).status).toBe(403);
    const sent = await send(text);
    expect(sent.status).toBe(200);
    const merged = await call('progress.mergeFile', { uploadId: sent.body.result?.uploadId });
    expect(merged.result).toMatchObject({ events: { added: 5000, alreadyHere: 0 }, pupils: { added: 1 }, classes: { added: 1 } });
    expect(fs.readdirSync(core.layout.tmp)).toEqual([]);
    expect((await call('progress.mergeFile', { uploadId: sent.body.result?.uploadId })).error?.code).toBe('not_found');

    // Over the limit: refused from its declared length, before a byte is kept.
    const max = PROGRESS_UPLOAD.maxBytes;
    const { url } = (await call('progress.uploadToken', {})).result as { url: string };
    const refused = await request(`${base}${url}`, { method: 'POST', headers: { cookie: cookie(), 'content-length': String(max + 1) } });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.text)).toMatchObject({ ok: false, error: { code: 'progress_file_too_large', details: { maxMb: max / 2 ** 20 } } });
    expect(fs.readdirSync(core.layout.tmp)).toEqual([]);
    expect(core.db.prepare('SELECT count(*) AS n FROM progress_events').get()).toEqual({ n: 5000 });
  }, 120_000);
});
