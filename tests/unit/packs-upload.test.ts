import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFixturePack } from '../support/packs';
import { startTestServer } from '../support/server';
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
  return { core, call, upload, preview };
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
